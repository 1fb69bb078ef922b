/**
 * The command menu Telegram shows next to the message box, registered at start with
 * `setMyCommands`: Chinese for everyone, English for clients set to English.
 *
 * Note: these descriptions are user-facing text and belong in `src/dialogue/messages.ts`; they
 * sit here until that catalogue grows a command section (the adapter must not edit the core).
 */
import { COMMANDS } from "../../dialogue/respond.ts";
import type { TelegramApi, TgBotCommand } from "./bot-api.ts";

type CommandName = (typeof COMMANDS)[number];

/** Command descriptions, Chinese (the default) and English. Every command must have both. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<"zh" | "en", Readonly<Record<CommandName, string>>>> = {
  zh: {
    start: "开始：欢迎和主菜单",
    help: "怎么用",
    menu: "主菜单（按催收时间线）",
    rights: "我的权利",
    about: "来源与说明",
    privacy: "隐私说明",
    ask: "提问（群里用：/ask 你的问题）",
  },
  en: {
    start: "Start: welcome and main menu",
    help: "How to use the bot",
    menu: "Main menu (by collection timeline)",
    rights: "Your rights",
    about: "Sources and disclaimer",
    privacy: "Privacy",
    ask: "Ask a question (in groups: /ask your question)",
  },
};

/** The command list in one language, in the order of {@link COMMANDS}. */
export function commandList(language: "zh" | "en"): TgBotCommand[] {
  return COMMANDS.map((command) => ({ command, description: COMMAND_DESCRIPTIONS[language][command] }));
}

/** Registers the commands: Chinese as the default, English for `language_code: "en"`. */
export async function registerCommands(api: TelegramApi): Promise<void> {
  await api.setMyCommands({ commands: commandList("zh") });
  await api.setMyCommands({ commands: commandList("en"), language_code: "en" });
}
