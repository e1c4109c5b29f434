package dev.switchboard.events.crm;

import dev.switchboard.events.SessionScoped;
import dev.switchboard.events.Topics;

/**
 * What crm-bridge-service found or did in the CRM for a session's client. Topic {@value
 * Topics#CRM_EVENTS}, keyed by channel id.
 */
public sealed interface CrmEvent extends SessionScoped permits ClientRecognised, LeadCreated {}
