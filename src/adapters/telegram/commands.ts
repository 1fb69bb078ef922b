/**
 * The command menu Telegram shows next to the message box, registered at start with
 * `setMyCommands`: Chinese for everyone, English for clients set to English. The descriptions
 * live in the message catalogue with every other user-facing string.
 */
import { COMMAND_DESCRIPTIONS } from "../../dialogue/messages.ts";
import { COMMANDS } from "../../dialogue/respond.ts";
import type { TelegramApi, TgBotCommand } from "./bot-api.ts";


/** The command list in one language, in the order of {@link COMMANDS}. */
export function commandList(language: "zh" | "en"): TgBotCommand[] {
  return COMMANDS.map((command) => ({ command, description: COMMAND_DESCRIPTIONS[language][command] }));
}

/** Registers the commands: Chinese as the default, English for `language_code: "en"`. */
export async function registerCommands(api: TelegramApi): Promise<void> {
  await api.setMyCommands({ commands: commandList("zh") });
  await api.setMyCommands({ commands: commandList("en"), language_code: "en" });
}
