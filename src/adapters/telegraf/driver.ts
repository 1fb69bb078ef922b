/**
 * The telegraf adapter: a `Telegraf` bot pointed at the configured Bot API root, with the same
 * politeness the grammY adapter gets from its plugins (retry on 429 and 5xx, outbound throttling,
 * a per-user incoming limit, shared through Redis when a store is given) and one middleware that
 * hands every update to the shared handler. Long polling is the shared loop's
 * (`telegram/polling.ts`), not `bot.launch()`, so both frameworks confirm updates the same way.
 */
import { Telegraf, type Context } from "telegraf";
import { createTelegramApi, type TgUpdate } from "../telegram/bot-api.ts";
import type { CreateDriver, TelegramDriver } from "../telegram/driver.ts";
import { createUpdateHandler, type UpdateHandler } from "../telegram/handle-update.ts";
import { apiAgentFor } from "../telegram/http-agent.ts";
import { createRateLimiter, createStoreRateLimiter } from "../telegram/rate-limit.ts";
import { createRetry } from "../telegram/retry.ts";
import { countsTowardLimit } from "../telegram/route.ts";
import { chatIdOf, createThrottle, TELEGRAM_LIMITS } from "../telegram/throttle.ts";

/** A handler slower than this is abandoned and the user gets the calm error message. */
const HANDLER_TIMEOUT_MS = 60_000;

/** telegraf's updates are the Bot API's JSON; the shared handler reads them through its own narrow types. */
const asTgUpdate = (ctx: Context): TgUpdate => ctx.update as unknown as TgUpdate;

/** Creates the telegraf driver. */
export const createTelegrafDriver: CreateDriver = ({ telegram, respond, rateLimit, logger, unanswered }): TelegramDriver => {
  const bot = new Telegraf(telegram.token, {
    // The trailing slash keeps a path in the root (telegraf resolves `./bot<token>/…` against it);
    // webhook replies are off so every call is a real request whose result we see. The agent
    // retires idle connections before the server does (telegram/http-agent.ts); telegraf drops
    // it for an http:// root and uses Node's global agent, which does the same.
    telegram: { apiRoot: `${telegram.apiRoot}/`, webhookReply: false, agent: apiAgentFor(telegram.apiRoot) },
    handlerTimeout: HANDLER_TIMEOUT_MS,
  });

  // telegraf's callApi is generic over its method table; ours are plain names and JSON payloads.
  const callApi = bot.telegram.callApi.bind(bot.telegram) as unknown as (
    method: string,
    payload: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ) => Promise<unknown>;
  const retry = createRetry({ maxRetries: 5, maxDelaySeconds: 60 });
  const throttle = createThrottle({ ...TELEGRAM_LIMITS, globalPerSecond: telegram.sendPerSecond });
  const api = createTelegramApi((method, payload) =>
    retry(() => throttle(chatIdOf(payload), () => callApi(method, payload))),
  );

  let handler: UpdateHandler | undefined;
  const ready = (): UpdateHandler => {
    if (!handler) throw new Error("telegraf driver: init() must run before updates are handled");
    return handler;
  };

  // The error handler is installed first: telegraf's default one rethrows.
  bot.catch((error, ctx) => ready().failed(asTgUpdate(ctx), error));
  // Only what the bot answers counts toward the per-user limit; in Redis when shared, as grammY's plugin counts.
  const limiter = rateLimit.store
    ? createStoreRateLimiter({ store: rateLimit.store, limit: rateLimit.limit, windowMs: rateLimit.windowMs })
    : createRateLimiter(rateLimit);
  bot.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !countsTowardLimit(ready().route(asTgUpdate(ctx)))) return next();
    const verdict = await limiter.hit(String(userId));
    if (verdict === "exceeded") return ready().rateLimited(asTgUpdate(ctx));
    if (verdict === "allow") return next();
  });
  // Must be the last handler: everything reaches the shared handler.
  bot.use((ctx) => ready().handle(asTgUpdate(ctx)));

  return {
    api,
    async init() {
      const info = await retry(() => bot.telegram.getMe());
      bot.botInfo = info;
      const me = { id: info.id, username: info.username };
      handler = createUpdateHandler({ respond, api, me, logger, unanswered });
      return me;
    },
    async handleUpdate(update) {
      await bot.handleUpdate(update as unknown as Parameters<Telegraf["handleUpdate"]>[0]);
    },
    async getUpdates(params, signal) {
      return (await callApi("getUpdates", { ...params }, { signal })) as TgUpdate[];
    },
  };
};
