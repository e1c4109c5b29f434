package dev.switchboard.gateway.support;

/** Updates as the Telegram Bot API posts them to a webhook. */
public final class TelegramUpdatesJson {

  private TelegramUpdatesJson() {}

  /** A private chat's text message from María García (chat id = user id, as in private chats). */
  public static String textMessage(long updateId, long chatId, long messageId, String text) {
    return """
        {"update_id":%d,
         "message":{"message_id":%d,
           "from":{"id":%d,"is_bot":false,"first_name":"María","last_name":"García",
                   "username":"mgarcia","language_code":"es"},
           "chat":{"id":%d,"first_name":"María","last_name":"García","username":"mgarcia",
                   "type":"private"},
           "date":1764065730,
           "text":"%s"}}
        """
        .formatted(updateId, messageId, chatId, chatId, text);
  }

  /** A photo with no text. */
  public static String photo(long updateId, long chatId) {
    return """
        {"update_id":%d,
         "message":{"message_id":7,
           "from":{"id":%d,"is_bot":false,"first_name":"María"},
           "chat":{"id":%d,"first_name":"María","type":"private"},
           "date":1764065730,
           "photo":[{"file_id":"AgACAgQAAxkBAAIB","file_unique_id":"AQADq7ExG","file_size":1401,
                     "width":90,"height":67}]}}
        """
        .formatted(updateId, chatId, chatId);
  }
}
