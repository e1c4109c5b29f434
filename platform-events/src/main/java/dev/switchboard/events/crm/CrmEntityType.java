package dev.switchboard.events.crm;

/** The kind of CRM record a client was matched to. */
public enum CrmEntityType {
  LEAD,
  CONTACT,
  COMPANY,
  DEAL
}
