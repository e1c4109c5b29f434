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

  /** A client correcting an earlier message. */
  public static String editedMessage(long updateId, long chatId) {
    return """
        {"update_id":%d,
         "edited_message":{"message_id":9,
           "from":{"id":%d,"is_bot":false,"first_name":"María"},
           "chat":{"id":%d,"first_name":"María","type":"private"},
           "date":1764065730,"edit_date":1764065790,
           "text":"Hola, ¿hay alguien? 👋"}}
        """
        .formatted(updateId, chatId, chatId);
  }

  /** A tap on an inline keyboard button. */
  public static String callbackQuery(long updateId, long chatId) {
    return """
        {"update_id":%d,
         "callback_query":{"id":"4382bfdwdsb323b2d9","chat_instance":"-8271394",
           "from":{"id":%d,"is_bot":false,"first_name":"María","language_code":"es"},
           "message":{"message_id":11,"chat":{"id":%d,"type":"private"},"date":1764065730,
                      "text":"¿Valora la atención?"},
           "data":"rating:5"}}
        """
        .formatted(updateId, chatId, chatId);
  }

  /** Every kind of update above, as the seeds of fuzz tests. */
  public static String[] allKinds(long updateId, long chatId) {
    return new String[] {
      textMessage(updateId, chatId, 1365, "Hola 😀 ‮ 𝔘𝔫𝔦 \\u00e9 \\\" end"),
      photo(updateId, chatId),
      editedMessage(updateId, chatId),
      callbackQuery(updateId, chatId)
    };
  }
}
