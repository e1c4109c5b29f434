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

  /** A tap on the "5" of a rating keyboard the bot sent (Bot API {@code callback_query}). */
  public static String callbackQuery(long updateId, long chatId) {
    return callbackQuery(updateId, chatId, "4382bfdwdsb323b2d9", "rating:5");
  }

  /**
   * A tap on the button whose {@code callback_data} is {@code data}, under the bot's rating request
   * whose keyboard has the buttons "1 ★" ... "5 ★" with data {@code rating:1} ... {@code rating:5}.
   */
  public static String callbackQuery(long updateId, long chatId, String callbackId, String data) {
    return """
        {"update_id":%d,
         "callback_query":{"id":"%s","chat_instance":"-8271394",
           "from":{"id":%d,"is_bot":false,"first_name":"María","last_name":"García",
                   "language_code":"es"},
           "message":{"message_id":11,
             "from":{"id":4242,"is_bot":true,"first_name":"Shop bot"},
             "chat":{"id":%d,"type":"private"},"date":1764065730,
             "text":"¿Valora la atención?",
             "reply_markup":{"inline_keyboard":[[
               {"text":"1 ★","callback_data":"rating:1"},{"text":"2 ★","callback_data":"rating:2"},
               {"text":"3 ★","callback_data":"rating:3"},{"text":"4 ★","callback_data":"rating:4"},
               {"text":"5 ★","callback_data":"rating:5"}]]}},
           "data":"%s"}}
        """
        .formatted(updateId, callbackId, chatId, chatId, data);
  }

  /** A tap on a button of a message sent via the bot in inline mode: no {@code message}. */
  public static String inlineModeCallbackQuery(long updateId, long chatId) {
    return """
        {"update_id":%d,
         "callback_query":{"id":"5521bfdwdsb323b2e1","chat_instance":"-8271394",
           "from":{"id":%d,"is_bot":false,"first_name":"María"},
           "inline_message_id":"AAAAAFnXAQBTh0c0Yw","data":"rating:4"}}
        """
        .formatted(updateId, chatId);
  }

  /** Every kind of update above, as the seeds of fuzz tests. */
  public static String[] allKinds(long updateId, long chatId) {
    return new String[] {
      textMessage(updateId, chatId, 1365, "Hola 😀 ‮ 𝔘𝔫𝔦 \\u00e9 \\\" end"),
      photo(updateId, chatId),
      editedMessage(updateId, chatId),
      callbackQuery(updateId, chatId),
      inlineModeCallbackQuery(updateId, chatId)
    };
  }

  /** The kinds of button presses, as the seeds of fuzz tests. */
  public static String[] callbackKinds(long updateId, long chatId) {
    return new String[] {
      callbackQuery(updateId, chatId),
      // A value the keyboard does not have: its text is the value itself.
      callbackQuery(updateId, chatId, "99", "consent:accept"),
      inlineModeCallbackQuery(updateId, chatId)
    };
  }
}
