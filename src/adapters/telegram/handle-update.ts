/**
 * The Telegram conversation, shared by the grammY and telegraf adapters: route the update, ask
 * the core, render, send. Each framework only delivers updates here and supplies a
 * {@link TelegramApi} with its retry and throttling installed, so both behave identically.
 */
import type { Logger } from "pino";
import { MESSAGES } from "../../dialogue/messages.ts";
import type { Respond } from "../../dialogue/respond.ts";
import type { Reply } from "../../dialogue/types.ts";
import { describeError } from "../../logger.ts";
import type { UnansweredLog } from "../../privacy/unanswered-log.ts";
import { noteUnanswered } from "../unanswered.ts";
import { isEntityParseError, isNotEditable, isNotModified } from "./api-errors.ts";
import type { TelegramApi, TgMessage, TgTarget, TgUpdate } from "./bot-api.ts";
import { composeInlineAnswer } from "./inline.ts";
import { presentReply, targetFor, targetNextTo, type Presented } from "./present.ts";
import { logChatKind, routeUpdate, type BotIdentity, type Route } from "./route.ts";

/** What the handler needs. */
export interface UpdateHandlerDeps {
  respond: Respond;
  api: TelegramApi;
  me: BotIdentity;
  logger: Logger;
  /** The opt-in log of questions the bot could not answer well (redacted, no user ids). */
  unanswered?: UnansweredLog | undefined;
}

/** Handles updates; the framework adapters call it from their middleware and error handler. */
export interface UpdateHandler {
  /** What the update is (for the rate limiter, which only counts what the bot answers). */
  route(update: TgUpdate): Route;
  /** Answers the update; throws only when Telegram refuses (the framework's catch takes over). */
  handle(update: TgUpdate): Promise<void>;
  /** Tells the sender, calmly, to slow down. Never throws. */
  rateLimited(update: TgUpdate): Promise<void>;
  /** Logs a failure and sends the calm "please try again" where the user expects an answer. Never throws. */
  failed(update: TgUpdate, error: unknown): Promise<void>;
}

/** Whether the pressed message is an answer (which a menu must not overwrite). */
const isAnswerMessage = (message: TgMessage) => (message.text ?? "").includes(MESSAGES.disclaimer);

/** Creates the handler for one bot. */
export function createUpdateHandler({ respond, api, me, logger, unanswered }: UpdateHandlerDeps): UpdateHandler {
  const loggerFor = (update: TgUpdate) => logger.child({ update_id: update.update_id, chat: logChatKind(update) });

  /** Sends a reply as HTML, or as plain text if Telegram cannot parse the HTML. */
  async function send(target: TgTarget, shown: Presented, log: Logger): Promise<void> {
    const common = { ...target, reply_markup: shown.keyboard, link_preview_options: { is_disabled: true } };
    try {
      await api.sendMessage({ ...common, text: shown.html, parse_mode: "HTML" });
    } catch (error) {
      if (!isEntityParseError(error)) throw error;
      log.warn({ event: "html.rejected", method: "sendMessage" });
      await api.sendMessage({ ...common, text: shown.plain });
    }
  }

  /** Edits the pressed message in place; `false` when it cannot be edited any more. */
  async function edit(message: TgMessage, shown: Presented, log: Logger): Promise<boolean> {
    const common = {
      chat_id: message.chat.id,
      message_id: message.message_id,
      reply_markup: shown.keyboard,
      link_preview_options: { is_disabled: true },
    };
    try {
      await api.editMessageText({ ...common, text: shown.html, parse_mode: "HTML" });
    } catch (error) {
      if (isNotModified(error)) return true;
      if (isNotEditable(error)) return false;
      if (!isEntityParseError(error)) throw error;
      log.warn({ event: "html.rejected", method: "editMessageText" });
      await api.editMessageText({ ...common, text: shown.plain });
    }
    return true;
  }

  const logReply = (log: Logger, reply: Reply, delivery: "send" | "edit") =>
    log.info({ event: "reply.sent", kind: reply.kind, intent: reply.intent, confidence: reply.confidence, delivery });

  async function onCallback(route: Extract<Route, { kind: "callback" }>, log: Logger): Promise<void> {
    await api.answerCallbackQuery({ callback_query_id: route.query.id });
    const reply = respond(route.incoming);
    const message = route.query.message;
    if (!reply || !message) return void log.debug({ event: "callback.without_message" });
    const shown = presentReply(reply, route.incoming.chat, me);
    // Menu navigation replaces the menu in place; an answer stays readable and gets a new message.
    const editable = reply.kind === "menu" && message.date !== 0 && !isAnswerMessage(message);
    if (editable && (await edit(message, shown, log))) return logReply(log, reply, "edit");
    await send(targetNextTo(message), shown, log);
    logReply(log, reply, "send");
  }

  async function handle(update: TgUpdate): Promise<void> {
    const log = loggerFor(update);
    const route = routeUpdate(update, me);
    switch (route.kind) {
      case "ignore":
        return void log.debug({ event: "update.ignored", reason: route.reason });
      case "non_text":
        await api.sendMessage({ ...targetFor(route.message), text: MESSAGES.nonText });
        return void log.info({ event: "reply.sent", kind: "non_text", delivery: "send" });
      case "inline": {
        const answer = composeInlineAnswer(route.query, respond, me);
        await api.answerInlineQuery(answer);
        return void log.info({ event: "inline.answered", results: answer.results.length, intents: answer.results.map((r) => r.id) });
      }
      case "callback":
        return onCallback(route, log);
      case "message": {
        const reply = respond(route.incoming);
        if (!reply) return void log.debug({ event: "reply.silent" });
        noteUnanswered(unanswered, route.incoming, reply);
        await send(targetFor(route.message), presentReply(reply, route.incoming.chat, me), log);
        return logReply(log, reply, "send");
      }
    }
  }

  /** Where a notice about this update goes, if the user is waiting for an answer. */
  function noticeTarget(route: Route): TgTarget | undefined {
    if (route.kind === "non_text") return targetFor(route.message);
    if (route.kind === "message" && route.incoming.addressed) return targetFor(route.message);
    if (route.kind === "callback" && route.query.message) return targetNextTo(route.query.message);
    return undefined;
  }

  async function rateLimited(update: TgUpdate): Promise<void> {
    const log = loggerFor(update);
    log.info({ event: "rate.limited" });
    const route = routeUpdate(update, me);
    try {
      if (route.kind === "callback") {
        await api.answerCallbackQuery({ callback_query_id: route.query.id, text: MESSAGES.rateLimited });
        return;
      }
      const target = noticeTarget(route);
      if (target) await api.sendMessage({ ...target, text: MESSAGES.rateLimited });
    } catch (error) {
      log.warn({ event: "rate.notice_failed", err: describeError(error) });
    }
  }

  async function failed(update: TgUpdate, error: unknown): Promise<void> {
    const log = loggerFor(update);
    log.error({ event: "update.failed", err: describeError(error) });
    try {
      const target = noticeTarget(routeUpdate(update, me));
      if (target) await api.sendMessage({ ...target, text: MESSAGES.internalError });
    } catch (noticeError) {
      log.warn({ event: "error.notice_failed", err: describeError(noticeError) });
    }
  }

  return { route: (update) => routeUpdate(update, me), handle, rateLimited, failed };
}
