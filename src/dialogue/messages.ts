/**
 * Every user-facing string of the bot outside the knowledge base, in one catalogue, grouped by
 * feature. Handlers and renderers never inline Chinese text.
 */
import type { TopicId } from "../knowledge/types.ts";

// === Topic names (menus, answer headers)

export const TOPIC_NAMES: Readonly<Record<TopicId, string>> = {
  overdue_consequences: "逾期后果",
  credit_record: "征信与信用",
  collection_contact: "催收电话短信",
  third_party_contacts: "联系家人和通讯录",
  home_visit: "上门外访",
  lawsuit: "起诉与执行",
  negotiation: "协商还款",
  verify_and_scams: "辨别真假、防骗",
  illegal_collection: "违法催收",
  complaint_evidence: "留证据与投诉",
  privacy: "个人信息保护",
  repayment_planning: "还款计划",
  after_settlement: "还清之后",
};

// === Answers

export const MESSAGES = {
  disclaimer: "以上为一般性信息，不构成法律意见；具体以合同、账单和官方答复为准。",
  stageLabel: "所处阶段",
  topicLabel: "话题",
  rightsHeading: "你的权利",
  sourcesHeading: "来源",
  menuButton: "返回主菜单",
  rightsButton: "我的权利",
  nextStageButton: (name: string) => `下一阶段：${name}`,
  stageButton: (n: number, name: string) => `${n}. ${name}`,
  otherQuestions: "你一次问了几个问题，这里先回答其中一个；其他的请点下面的按钮查看。",

  // === Clarify, fallback, out of scope
  clarifyTitle: "你想问的是哪一个？",
  clarifyText: "我不太确定你的意思，请点选最接近的问题，或者换个说法再问一次。",
  fallbackTitle: "抱歉，我没有听懂这个问题",
  fallbackPoints: [
    "可以换个说法，比如：“花呗逾期了会上门吗”“催收打电话给我家人怎么办”“借呗欠3个月会被起诉吗”。",
    "也可以从下面的菜单按阶段或话题找问题。",
  ],
  outOfScopeTitle: "这个问题不在我能回答的范围内",
  outOfScopePoints: [
    "我只回答花呗、借呗逾期以后的问题：会发生什么、催收能做什么不能做什么、现在该怎么办、有哪些权利。",
    "花呗借呗的日常使用（开通、提额、还款方式、退款等）请咨询支付宝App内客服或拨打95188。",
  ],

  // === Menus and navigation
  mainMenuText: "你现在到了哪一步？按催收的时间线选择，或查看你的权利、投诉求助渠道。",
  stageMenuText: (summary: string) => summary,
  topicMenuText: "这个话题下的常见问题：",
  menuChanged: "菜单已更新，请从新的主菜单重新选择。",
  emptyText: "请直接输入你的问题，例如：“花呗逾期了会上门吗”。",

  // === Commands
  welcomeTitle: "你好，我是逾期应对助手",
  welcomePoints: [
    "花呗、借呗逾期了别慌。告诉我你的情况，我会说明你处在催收的哪一步、现在该做什么、你有哪些权利，并注明出处。",
    "直接打字提问，或用下面的菜单按时间线查找。",
  ],
  thanksTitle: "不客气。还有别的问题，直接问我，或用下面的菜单。",
  helpTitle: "怎么用",
  helpPoints: [
    "直接输入问题，比如“hb逾期3个月会被起诉吗”“催收爆通讯录怎么办”。",
    "/menu 主菜单（按时间线）  /rights 我的权利  /about 来源与说明  /privacy 隐私说明",
    "在群里：用 /ask 问题，或@我，或回复我的消息。",
  ],
  aboutTitle: "关于逾期应对助手",
  aboutIntro:
    "答案依据以下文章和法律、行业规范整理，用自己的话改写；文章中不准确的说法（例如“有逾期记录就不能坐高铁、影响子女考公”）已按法律更正。",
  privacyTitle: "隐私说明",
  privacyPoints: [
    "不保存你的聊天内容，日志里不记录你发的文字，只记录匹配到的问题编号和置信度。",
    "如果开启了“未回答问题记录”，只保存去掉手机号、身份证号、银行卡号的问题文本，不保存任何用户标识。",
    "为防止刷屏，会按用户编号临时记录一分钟内的消息条数（不含内容），到时自动删除。",
    "在群里请不要发自己的欠款金额、电话等个人信息，可以私聊我继续。",
  ],

  // === Groups and inline
  continuePrivately: "私聊继续",
  groupPrivacyHint: "涉及个人情况的细节，建议私聊我。",
  inlineEmptyTitle: "输入问题，例如：花呗逾期会上门吗",
  inlineNoMatch: "没有找到匹配的问题，请换个说法。",

  // === Runtime
  rateLimited: "消息有点多，请稍等一分钟再发。我会一直在这里。",
  internalError: "抱歉，刚才处理出了点问题。请稍后再试，或输入 /menu 查看菜单。",
  nonText: "我只能读文字消息。请用文字描述你的问题，例如“花呗逾期了会上门吗”。",
  consoleGoodbye: "再见。遇到催收别慌，按步骤来。",
  consolePrompt: "你> ",
  consoleChoose: "（输入数字选择，或直接提问；/menu 菜单，/quit 退出）",
} as const;

// === Command menu (setMyCommands), Chinese by default and English for English clients

/** Descriptions of the commands of `COMMANDS` in respond.ts; every command has both. */
export const COMMAND_DESCRIPTIONS = {
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
} as const satisfies Record<"zh" | "en", Record<"start" | "help" | "menu" | "rights" | "about" | "privacy" | "ask", string>>;

// === Timeline notes from what the user says about their situation

/**
 * A note placing the user on the timeline from how long they say they have been overdue.
 * Only claims the seeds support: reminders and calls come first; a lawsuit usually needs long
 * arrears (the seeds: more than about three months), larger sums and ignored contact.
 */
export function overdueNote(days: number): string {
  if (days <= 30) {
    return `你说已逾期约${days}天：一般处在提醒和平台催收阶段，尽快还款或主动联系客服协商，影响最小。`;
  }
  if (days < 90) {
    return `你说已逾期约${days}天：可能已转到第三方催收；起诉一般发生在逾期时间更长、金额较大且多次催收无果之后。`;
  }
  return `你说已逾期约${Math.round(days / 30)}个月：平台有可能走法律途径，但通常是金额较大、多次催收无果时才会起诉；现在主动协商最要紧。`;
}
