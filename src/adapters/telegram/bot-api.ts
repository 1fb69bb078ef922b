/**
 * The slice of the Telegram Bot API the adapters use, typed structurally and framework-free.
 * grammY and telegraf both hand us the Bot API's JSON; these interfaces are a narrow view of it,
 * so the shared Telegram logic never imports a framework.
 */

// === Incoming objects

/** A Telegram user or bot. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string | undefined;
  language_code?: string | undefined;
}

/** A chat. */
export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  is_forum?: boolean | undefined;
}

/** A message entity (we look at mentions of the bot). */
export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser | undefined;
}

/** A message; only the fields the adapters read. Everything else is ignored. */
export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser | undefined;
  text?: string | undefined;
  entities?: TgMessageEntity[] | undefined;
  reply_to_message?: TgMessage | undefined;
  /** Forum topic of the message, in supergroups with topics. */
  message_thread_id?: number | undefined;
  is_topic_message?: boolean | undefined;
  /** Set on the service message that opened a forum topic. */
  forum_topic_created?: unknown;
  [field: string]: unknown;
}

/** A button press. `message` is absent for inline messages; its `date` is 0 when inaccessible. */
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage | undefined;
  data?: string | undefined;
}

/** What a user typed after `@bot` in any chat. */
export interface TgInlineQuery {
  id: string;
  from: TgUser;
  query: string;
}

/** An update; any kind we do not list is ignored. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage | undefined;
  callback_query?: TgCallbackQuery | undefined;
  inline_query?: TgInlineQuery | undefined;
  [kind: string]: unknown;
}

// === Outgoing payloads

/** An inline keyboard button: a callback code or a link. */
export type TgButton = { text: string; callback_data: string } | { text: string; url: string };

/** An inline keyboard. */
export interface TgInlineKeyboard {
  inline_keyboard: TgButton[][];
}

/** Where a message goes: the chat, and in groups the forum topic and the message answered. */
export interface TgTarget {
  chat_id: number;
  message_thread_id?: number | undefined;
  reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } | undefined;
}

/** `sendMessage` parameters. */
export interface SendMessageParams extends TgTarget {
  text: string;
  parse_mode?: "HTML" | undefined;
  reply_markup?: TgInlineKeyboard | undefined;
  link_preview_options?: { is_disabled: boolean } | undefined;
}

/** `editMessageText` parameters. */
export interface EditMessageTextParams {
  chat_id: number;
  message_id: number;
  text: string;
  parse_mode?: "HTML" | undefined;
  reply_markup?: TgInlineKeyboard | undefined;
  link_preview_options?: { is_disabled: boolean } | undefined;
}

/** An article offered in inline mode. */
export interface TgInlineArticle {
  type: "article";
  id: string;
  title: string;
  description?: string | undefined;
  input_message_content: { message_text: string; parse_mode: "HTML"; link_preview_options: { is_disabled: boolean } };
}

/** `answerInlineQuery` parameters. */
export interface AnswerInlineQueryParams {
  inline_query_id: string;
  results: TgInlineArticle[];
  cache_time: number;
  is_personal: boolean;
  /** A button above the results that opens a private chat with `/start <start_parameter>`. */
  button?: { text: string; start_parameter: string } | undefined;
}

/** A command shown in Telegram's command menu. */
export interface TgBotCommand {
  command: string;
  description: string;
}

// === The API

/**
 * The Bot API calls the shared logic makes. Each framework adapter implements it over its own
 * client, with its retry and throttling installed, so the shared code is identical for both.
 */
export interface TelegramApi {
  getMe(): Promise<TgUser>;
  sendMessage(params: SendMessageParams): Promise<TgMessage>;
  editMessageText(params: EditMessageTextParams): Promise<unknown>;
  answerCallbackQuery(params: { callback_query_id: string; text?: string | undefined }): Promise<unknown>;
  answerInlineQuery(params: AnswerInlineQueryParams): Promise<unknown>;
  setMyCommands(params: { commands: TgBotCommand[]; language_code?: string | undefined }): Promise<unknown>;
  setWebhook(params: { url: string; secret_token: string; allowed_updates: readonly string[] }): Promise<unknown>;
  /** Removes a webhook, so long polling may start (`getUpdates` is refused while one is set). */
  deleteWebhook(params: { drop_pending_updates: boolean }): Promise<unknown>;
}

/** A raw Bot API call: method name and JSON payload in, the `result` field out (errors throw). */
export type RawApiCall = (method: string, payload: Record<string, unknown>) => Promise<unknown>;

/**
 * Builds the typed {@link TelegramApi} over a framework's raw call.
 * @param call the framework's `(method, payload) → result` function
 */
export function createTelegramApi(call: RawApiCall): TelegramApi {
  // The casts below trust the Bot API's documented result types; the payloads are our own types.
  const as = <T>(method: string) => (payload: object) => call(method, withoutUndefined(payload)) as Promise<T>;
  return {
    getMe: () => call("getMe", {}) as Promise<TgUser>,
    sendMessage: as<TgMessage>("sendMessage"),
    editMessageText: as<unknown>("editMessageText"),
    answerCallbackQuery: as<unknown>("answerCallbackQuery"),
    answerInlineQuery: as<unknown>("answerInlineQuery"),
    setMyCommands: as<unknown>("setMyCommands"),
    setWebhook: as<unknown>("setWebhook"),
    deleteWebhook: as<unknown>("deleteWebhook"),
  };
}

/** The payload without `undefined` fields, so no client sends them as `null`. */
function withoutUndefined(payload: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
}

/** The update kinds the bot asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;
