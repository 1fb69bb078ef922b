/**
 * The grammY adapter: a `Bot` pointed at the configured Bot API root, with auto-retry and the
 * shared outbound throttle on its API, `@grammyjs/ratelimiter` on incoming messages (counting in Redis
 * when a shared store is given), and one middleware that hands every update to the shared
 * Telegram handler. Long polling is the shared loop's (`telegram/polling.ts`), not `bot.start()`,
 * so both frameworks confirm updates the same way. Nothing is decided here.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { Api, Bot, BotError, type Context } from "grammy";
import { createTelegramApi, type TgUpdate } from "../telegram/bot-api.ts";
import type { CreateDriver, TelegramDriver } from "../telegram/driver.ts";
import { createUpdateHandler, type UpdateHandler } from "../telegram/handle-update.ts";
import { apiAgentFor } from "../telegram/http-agent.ts";
import { createRetry } from "../telegram/retry.ts";
import { chatIdOf, createThrottle, TELEGRAM_LIMITS } from "../telegram/throttle.ts";
import { countsTowardLimit } from "../telegram/route.ts";

/** Retries: at most 5, and never wait longer than a minute for a 429. */
const RETRY = { maxRetryAttempts: 5, maxDelaySeconds: 60 };

/** grammY's updates are the Bot API's JSON; the shared handler reads them through its own narrow types. */
const asTgUpdate = (ctx: Context): TgUpdate => ctx.update as unknown as TgUpdate;

/** Creates the grammY driver. */
export const createGrammyDriver: CreateDriver = ({ telegram, respond, rateLimit, logger, unanswered }): TelegramDriver => {
  // Our agent, not grammY's: it retires idle connections before the server does (telegram/http-agent.ts).
  const client = { apiRoot: telegram.apiRoot, baseFetchConfig: { agent: apiAgentFor(telegram.apiRoot) } };
  const bot = new Bot(telegram.token, { client });
  // Without transformers: start-up and long polling retry on their own terms.
  const plain = new Api(telegram.token, client);
  // Transformers installed later wrap earlier ones: retries go back through the throttler.
  // Outbound throttle: the same one the telegraf adapter uses (telegram/throttle.ts), as a
  // transformer. @grammyjs/transformer-throttler was dropped: it builds a Bottleneck limiter per
  // chat, which doubled the CPU cost of an update (bench/README.md, end to end).
  const throttle = createThrottle({ ...TELEGRAM_LIMITS, globalPerSecond: telegram.sendPerSecond });
  bot.api.config.use((prev, method, payload, signal) => throttle(chatIdOf(payload), () => prev(method, payload, signal)));
  bot.api.config.use(autoRetry(RETRY));

  // The raw API is a proxy with one function per Bot API method; our payloads are our own types.
  const raw = bot.api.raw as unknown as Record<string, (payload: Record<string, unknown>) => Promise<unknown>>;
  const api = createTelegramApi((method, payload) => raw[method]!(payload));

  let handler: UpdateHandler | undefined;
  const ready = (): UpdateHandler => {
    if (!handler) throw new Error("grammY driver: init() must run before updates are handled");
    return handler;
  };
  const onError = async (error: BotError) => {
    await ready().failed(asTgUpdate(error.ctx), error.error);
  };

  // Only what the bot answers counts toward the per-user limit.
  bot.filter(
    (ctx) => countsTowardLimit(ready().route(asTgUpdate(ctx))),
    limit({
      timeFrame: rateLimit.windowMs,
      limit: rateLimit.limit,
      // Redis (shared by every instance) when configured; the plugin's memory store otherwise.
      storageClient: rateLimit.store ?? "MEMORY_STORE",
      keyGenerator: (ctx: Context) => ctx.from?.id.toString(),
      onLimitExceeded: (ctx: Context) => ready().rateLimited(asTgUpdate(ctx)),
    }),
  );
  // Must be the last handler: everything reaches the shared handler.
  bot.use((ctx) => ready().handle(asTgUpdate(ctx)));

  return {
    api,
    async init() {
      // bot.init() retries network errors forever, silently; start-up should fail loudly instead,
      // after the same bounded retries the telegraf adapter makes.
      bot.botInfo = await createRetry({ maxRetries: 5, maxDelaySeconds: 60 })(() => plain.getMe());
      const me = { id: bot.botInfo.id, username: bot.botInfo.username };
      handler = createUpdateHandler({ respond, api, me, logger, unanswered });
      return me;
    },
    async handleUpdate(update) {
      try {
        await bot.handleUpdate(update as unknown as Parameters<Bot["handleUpdate"]>[0]);
      } catch (error) {
        // Middleware errors come back wrapped in a BotError (bot.catch only covers bot.start()).
        if (error instanceof BotError) await onError(error);
        else throw error;
      }
    },
    async getUpdates(params, signal) {
      // grammY types its signal with the abort-controller shim; Node's own AbortSignal is what it gets at run time.
      type Args = Parameters<Api["getUpdates"]>;
      const updates = await plain.getUpdates(params as Args[0], signal as unknown as Args[1]);
      return updates as unknown as TgUpdate[];
    },
  };
};
