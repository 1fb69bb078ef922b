import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/dialogue/callback-data.ts";
import { renderBody } from "../../src/dialogue/render/plain-text.ts";
import { STAGE_IDS, TOPIC_IDS } from "../../src/knowledge/schema.ts";
import { shippedCore } from "../support/shipped.ts";

const { kb, respond } = shippedCore();
const press = (data: string) => respond({ text: "", chat: "private", addressed: true, data })!;

describe("the shipped knowledge base", () => {
  it("covers at least 60 intents, all 13 topics and all 6 stages, each with 12+ phrasings and a source", () => {
    expect(kb.intents.length).toBeGreaterThanOrEqual(60);
    expect(new Set(kb.intents.map((it) => it.topic))).toEqual(new Set(TOPIC_IDS));
    expect(new Set(kb.intents.map((it) => it.stage).filter(Boolean))).toEqual(new Set(STAGE_IDS));
    for (const it of kb.intents) {
      expect(it.phrasings.length, it.id).toBeGreaterThanOrEqual(12);
      expect(it.sources.length, it.id).toBeGreaterThan(0);
    }
  });

  it("reaches every intent from the main menu by pressing buttons", () => {
    const seen = new Set<string>();
    const queue = [encodeAction({ kind: "menu", id: "main" })];
    const visited = new Set<string>();
    while (queue.length) {
      const data = queue.shift()!;
      if (visited.has(data)) continue;
      visited.add(data);
      const reply = press(data);
      if (reply.intent) seen.add(reply.intent);
      if (reply.kind === "menu") for (const q of reply.quickReplies) queue.push(encodeAction(q.action));
    }
    expect(kb.intents.filter((it) => !seen.has(it.id)).map((it) => it.id)).toEqual([]);
  });

  it("keeps every rendered answer within about 600 characters", () => {
    const long = kb.intents
      .map((it) => ({ id: it.id, length: renderBody(press(encodeAction({ kind: "intent", id: it.id }))).length }))
      .filter((x) => x.length > 600);
    expect(long).toEqual([]);
  });

  it("lists the stage menus in timeline order on the main menu", () => {
    const main = press("v1:m:main");
    expect(main.quickReplies.slice(0, 6).map((q) => q.label)).toEqual(kb.stages.map((s, i) => `${i + 1}. ${s.name}`));
  });

  it("never states fixed penalty rates or the unverified 96110 line", () => {
    for (const it of kb.intents) {
      const text = it.answer.join("");
      expect(text, it.id).not.toMatch(/0\.05%|万分之五|上浮50%|96110/);
    }
  });
});
