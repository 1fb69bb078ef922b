/**
 * The matcher: finds the intents a question most likely means. Built once at start from the
 * knowledge base; `match` is pure and synchronous.
 *
 * Two stages, per indexed phrasing (each intent's question and phrasings, normalised):
 * 1. Prefilter and exact scoring on an inverted index of character bigrams (and unigrams at a
 *    lower weight): query coverage (IDF share of the question's tokens found in the phrasing)
 *    and document coverage (IDF share of the phrasing's tokens found in the question), so a
 *    long message full of context still recognises the phrasing it contains. Candidates come
 *    from the question's rarest tokens, up to a budget, so the cost follows the postings of
 *    those tokens, not the corpus (inverted-index.ts).
 * 2. fuse.js token search re-scores the best `rerank` phrasings with its own TF-IDF over word
 *    tokens (Intl.Segmenter) and fuzzy bitap per word, which forgives a wrong character in a
 *    longer word that bigrams alone would lose.
 * similarity = coverage^Q × documentCoverage^(1−Q); an intent scores its best phrasing plus a
 * small bonus when its other phrasings agree, blended with the cosine of its centroid (all its
 * phrasings' tokens, centroids.ts). Out-of-scope examples are one more class. Last, an intent
 * about the other product, or about a visit when the question names a call (or the reverse),
 * loses a little (facets), and one of the settled stage gains a little when the question says
 * the debt is paid off.
 */
import Fuse from "fuse.js";
import type { Intent, KnowledgeBase } from "../knowledge/types.ts";
import { createWordSearchers, FUSE_OPTIONS, searchWords, type PhrasingDoc } from "./fuse-options.ts";
import { preparedNormalised, type PreparedTexts } from "./prepared.ts";
import { createNormaliser, type Normaliser, type SituationFacts } from "./normalise/index.ts";
import { createCentroids } from "./centroids.ts";
import { createConceptTagger } from "./concepts.ts";
import { createInvertedIndex } from "./inverted-index.ts";
import { weightedTokens, withPrepared, words } from "./tokenise.ts";
import { createVocabulary } from "./vocabulary.ts";

/** An intent the question may mean, with its similarity in [0, 1]. */
export interface Candidate {
  intent: Intent;
  /** Similarity of the question to the intent's closest phrasing, in [0, 1]. */
  score: number;
}

/** What the matcher found for one question. */
export interface MatchResult {
  /** The normalised question. */
  text: string;
  /** Duration and amount the user stated, if any. */
  facts: SituationFacts;
  /** In-scope intents, best first (at most `maxCandidates`). */
  candidates: Candidate[];
  /** Similarity to the closest out-of-scope example, in [0, 1]. */
  outOfScope: number;
  /** Whether the question mentions overdue debt or collection (逾期, 催收, 欠, 征信 …). */
  inDomain: boolean;
  /** Whether the message is only a greeting, thanks, or "who are you" (no question to look up). */
  smallTalk: boolean;
  /** Whether it asks about another lender's product (微粒贷, 白条, 信用卡 …) and not 花呗 or 借呗. */
  otherProduct: boolean;
}

/** Finds intents for questions. */
export interface Matcher {
  match(text: string): MatchResult;
  readonly normaliser: Normaliser;
}

/** Tuning of the similarity; the defaults were chosen on the dev set (bench/README.md). */
export interface MatcherOptions {
  /** Exponent of the query coverage in the similarity (the rest goes to document coverage). */
  queryWeight: number;
  /** Weight of single characters relative to bigrams. */
  unigramWeight: number;
  /** Weight of fuse.js's fuzzy word coverage in the query coverage (0: bigrams only). */
  fuseWeight: number;
  /** How many of the best phrasings fuse.js re-scores. */
  rerank: number;
  /** Weight of the intent centroid's cosine in an intent's score (the rest: its best phrasing). */
  centroidWeight: number;
  /** How many classes, best phrasing first, the centroids score (the out-of-scope class always). */
  centroidClasses: number;
  /** Weight of the second-best phrasing of the same intent, as agreement bonus. */
  agreement: number;
  /** How many candidates a result lists. */
  maxCandidates: number;
  /**
   * The second and third candidates go to an intent of a topic not yet listed when it is at most
   * this far behind one of a listed topic, so "did you mean" offers different readings (0: off).
   */
  diversity: number;
  /**
   * Subtracted from an intent about one product (花呗 or 借呗) when the question names only the
   * other one: "花呗逾期会上征信吗" is not answered with the 借呗 intent just because the rest of
   * the words are the same.
   */
  productMismatch: number;
  /** The same for a question that names only a phone call or text, or only a visit, and an intent about the other. */
  channelMismatch: number;
  /** Weight of a concept token (`concepts:` in the lexicon), relative to a bigram's 1. */
  conceptWeight: number;
  /**
   * Added to the intents of the `settled` stage when the question says the debt is already paid
   * off ("借呗还清了 额度没了" is about life after settling, not about an overdue account's frozen
   * limit, however many words it shares with the latter).
   */
  settledBonus: number;
}

export const DEFAULT_MATCHER_OPTIONS: Readonly<MatcherOptions> = Object.freeze({
  queryWeight: 0.5,
  unigramWeight: 0.8,
  fuseWeight: 0.3,
  rerank: 6,
  centroidWeight: 0.5,
  agreement: 0.3,
  centroidClasses: 30,
  maxCandidates: 5,
  diversity: 0.05,
  productMismatch: 0.1,
  channelMismatch: 0.1,
  conceptWeight: 1,
  settledBonus: 0.05,
});

// Words that show a question is about overdue debt or collection, not ordinary 花呗/借呗 use
// (product names alone do not count: most out-of-scope questions name the product too; nor do
// words of everyday repayment such as 提前还清 or 分期, which ordinary questions use as often).
// Grouped by what they signal; matched on normalised text (the lexicon has folded typos).
const DOMAIN = new RegExp(
  [
    // Being late, and what it costs
    "逾期|晚还|迟了|晚了|晚[一两几点些]|忘记还|忘了还|延期|推迟|延迟|宽限|缓几|缓一缓|没还|不还|还不上|还不过来|没钱|钱不够|凑不齐|凑不够|罚息|违约|后果",
    // Debt and paying it back under pressure
    "欠|还债|负债|债务|借款人|以贷养贷|借新还旧|拆东墙|东借西还|撸口子|已经还了|明明还了|早就还了|还款计划|还钱计划|还款规划|规划还款|还款方案|安排还款|只还本金|不用还了|合在一起还|债务合并|还款顺序|先还哪|先还[^，。？?！!\\s]{1,8}还是|代还|中介|还完|超前消费|开支|记账",
    // Life after paying off
    "结清|上岸|还清后|还清了|还清以后|还清(?:借呗|花呗)后",
    // Collection and being contacted
    "催|外访|委外|委托|上门|通讯录|紧急联系人|给我打电话|打电话给我|打电话说|打电话要|骚扰|威胁|骂|冥币|花圈|打爆|轰炸|倒卖|二维码让|扫码还|点链接|链接让我|自称|律所|贷后|户籍|他们说|他们要|他们打|他们来|让他们",
    // Credit records
    "征信|不良记录|不良后果|不良信息|负面|黑名单|黑户|拉黑|央行|人行|信用记录|影响信用",
    // Law, courts, scams and complaints
    "12378|12321|12348|12368|起诉|被告|诉讼费|时效|法院|传票|开庭|判决|判了|失信|法务|限高|限消|限制高消费|限制消费|律师|立案|逮捕|坐牢|拘留|抓我|骗子|诈骗|冒充|假客服|安全账户|验证码|屏幕共享|共享屏幕|投诉|举报|证据|凭证|截图|录音|调解|纠纷|报警|警察|派出所|强制执行|被执行",
    // Negotiation
    "协商|停息|减免|个性化分期|谈好",
    // Fear and people close to the user: how frightened users write before they name the debt
    "害怕|好怕|救命|崩溃|帮帮我|睡不着|压力好大|焦虑|绝望|吓死|吓坏|想死|不想活|活不下去|自杀|轻生|来找我|家里人|家人|爸妈|父母",
  ].join("|"),
);

// "I have never been overdue" is not a word of the domain: it comes with ordinary questions
// ("借呗为什么借不了 我从来没逾期过"). "有没有逾期" asks whether, and stays.
const NOT_OVERDUE = /(?<!有)(?:从来没有|从来没|从没有|从没|从未|没有|没|未)逾期过?/g;

/** Total length of some words. */
const characters = (list: readonly string[]) => list.reduce((n, w) => n + w.length, 0);

// A whole message that is only a greeting, thanks, or a question about the bot itself, after
// normalisation (punctuation and repeated characters folded; 啥 → 什么).
const SMALL_TALK =
  /^(?:(?:你好|您好|大家好|hi|hello|hey|哈喽|嗨|在吗|在不在|有人吗|早上好|晚上好|谢谢|谢谢你|多谢|感谢|好的|ok|嗯|你是谁|你是什么|你是机器人吗|你是人工吗|你是真人吗|你叫什么|你能做什么|你会什么)[呀啊吗呢哈哦嘛]?\s?)+$/;

// Other lenders' products, which are out of scope (domain.md) unless the question also names
// 花呗, 借呗, 支付宝 or 蚂蚁. Loans that are consequences (房贷, 车贷) are not listed.
// A credit card the user applies for or worries about is a consequence of their record
// ("逾期记录会影响办信用卡吗"), not another lender's product.
const CARD_AS_CONSEQUENCE = /(?:办|申请|申办|影响)[^\s，。！？,.!?]{0,3}信用卡/g;
const OTHER_PRODUCTS =
  /微粒贷|微众|白条|金条|京东|美团|月付|分付|网商贷|信用卡|度小满|有钱花|招联|安逸花|马上消费|拍拍贷|360借条|借条|分期乐|平安普惠|捷信|任性付|宜人贷|你我贷|洋钱罐|携程金融|拿去花/;
const OUR_PRODUCTS = /花呗|借呗|支付宝|蚂蚁|备用金/;

// How collectors reach the user: a phone call or text, or a visit in person.
const CALL = /电话|来电|打给|打来|打到|短信|致电|通话/;
const VISIT = /上门|登门|敲门|外访|家门口|堵门|到家里|来家里|来我家|到我家|去我家|找上门|到我单位|去我单位|去单位|到单位|来单位|小区|楼下|门口/;

// The user says the debt is paid off (a state, not a goal: "如何上岸" and "一次还清" are not).
const PAID_OFF =
  /已经还清|已还清|还清了|结清了|已结清|已经结清|还完了|已经还完|上岸了|已上岸|已经上岸|上岸后|上岸以后|还清后|还清以后|结清后|结清以后|还完后|还完以后|全部还上|都还上了|都还了/;

/**
 * A facet: one of several alternatives a question can name (which product; a phone call or a
 * visit). An intent whose phrasings mostly name one alternative is about it; a question that
 * names only another one is not asking about that intent ("花呗逾期会上征信吗" is not the 借呗
 * intent; "晚上10点以后催收还能打电话吗" is not the intent about night visits), however many of
 * its other words the two share.
 */
interface Facet {
  /** The alternatives, as they read after normalisation (the lexicon has folded hb → 花呗 …). */
  values: readonly RegExp[];
  /** The share of an intent's phrasings that must name an alternative for the intent to have one. */
  named: number;
  /** Subtracted from such an intent's score when the question names only another alternative. */
  penalty: number;
}

/** Which alternative of `facet` a text names, if it names exactly one (-1: none, or several). */
function facetOf(facet: Facet, text: string): number {
  let found = -1;
  for (let i = 0; i < facet.values.length; i++) {
    if (!facet.values[i]!.test(text)) continue;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/**
 * The alternative an intent is about: at least `named` of its phrasings name one alternative
 * alone, and nine in ten of those name the same one (-1: none).
 */
function intentFacet(facet: Facet, phrasings: readonly string[]): number {
  const counts = facet.values.map(() => 0);
  for (const p of phrasings) {
    const value = facetOf(facet, p);
    if (value >= 0) counts[value]!++;
  }
  const named = counts.reduce((a, b) => a + b, 0);
  if (named === 0 || named < facet.named * phrasings.length) return -1;
  const top = counts.indexOf(Math.max(...counts));
  return counts[top]! >= 0.9 * named ? top : -1;
}

/** How many candidates "did you mean" shows, and so how many `diversify` looks after. */
const SHOWN = 3;

/**
 * Reorders candidates (best first) in place so that the second and third are of a topic not
 * listed before them, when such a candidate is at most `gap` behind. The first never moves.
 */
export function diversify(candidates: Candidate[], gap: number): void {
  if (gap <= 0) return;
  for (let slot = 1; slot < Math.min(SHOWN, candidates.length); slot++) {
    const listed = (topic: string) => candidates.slice(0, slot).some((c) => c.intent.topic === topic);
    if (!listed(candidates[slot]!.intent.topic)) continue;
    let other = slot + 1;
    while (other < candidates.length && listed(candidates[other]!.intent.topic)) other++;
    if (other >= candidates.length || candidates[slot]!.score - candidates[other]!.score > gap) continue;
    candidates.splice(slot, 0, ...candidates.splice(other, 1));
  }
}

/** Indexes of the `k` largest values (unordered); linear for small `k`. */
function topIndexes(values: ArrayLike<number>, k: number): number[] {
  if (values.length <= k) return Array.from({ length: values.length }, (_, i) => i);
  const top: number[] = [];
  let min = -1; // position in `top` of its smallest value
  let floor = 0; // that value
  for (let i = 0; i < values.length; i++) {
    if (top.length < k) top.push(i);
    else if (values[i]! > floor) top[min] = i;
    else continue;
    if (top.length === k) {
      min = argMin(values, top);
      floor = values[top[min]!]!;
    }
  }
  return top;
}

function argMin(values: ArrayLike<number>, idx: readonly number[]): number {
  let m = 0;
  for (let j = 1; j < idx.length; j++) if (values[idx[j]!]! < values[idx[m]!]!) m = j;
  return m;
}

/**
 * Builds the matcher; both indexes are built here, once.
 * @param prepared texts prepared by an earlier build with the same lexicon and code (the start-up
 * cache, matching/prepared.ts): read where they hold a text, added to where they do not.
 */
export function createMatcher(kb: KnowledgeBase, options: Partial<MatcherOptions> = {}, prepared?: PreparedTexts): Matcher {
  const opts = { ...DEFAULT_MATCHER_OPTIONS, ...options };
  const normaliser = createNormaliser(kb.lexicon);
  const outOfScopeClass = kb.intents.length;
  const normalise = (text: string) => normaliser.normalise(text);
  const normaliseIndexed = prepared ? (text: string) => preparedNormalised(prepared, text, normalise) : normalise;

  // === Index
  const docs: PhrasingDoc[] = [];
  const seen = new Set<string>();
  const add = (text: string, cls: number) => {
    const normalised = normaliseIndexed(text);
    const key = `${cls}\u0000${normalised}`;
    if (!normalised || seen.has(key)) return;
    seen.add(key);
    docs.push({ text: normalised, cls });
  };
  kb.intents.forEach((intent, cls) => {
    add(intent.question, cls);
    for (const p of intent.phrasings) add(p, cls);
  });
  for (const p of kb.outOfScope) add(p, outOfScopeClass);

  const concepts = createConceptTagger(kb.concepts, (word) => normaliser.normalise(word), opts.conceptWeight);
  const tokensOf = (text: string) => concepts(text, weightedTokens(text, opts.unigramWeight));
  const docTokens = docs.map((d) => tokensOf(d.text));
  const textsOf: string[][] = kb.intents.map(() => []);
  for (const d of docs) textsOf[d.cls]?.push(d.text);
  const facets: Facet[] = [
    { values: [/花呗/, /借呗/], named: 0.5, penalty: opts.productMismatch },
    // 0.4: the visit intents whose phrasings also talk of threats and refusals still count as
    // visits (0.5 lost two of the dev set's five gains, 0.25–0.3 gave a wrong answer on blind set 1).
    { values: [CALL, VISIT], named: 0.4, penalty: opts.channelMismatch },
  ].filter((f) => f.penalty > 0);
  // Per facet, the alternative each intent is about (-1: none).
  const intentFacets = facets.map((f) => textsOf.map((texts) => intentFacet(f, texts)));
  const settled = kb.intents.map((intent) => intent.stage === "settled");
  // Each phrasing's class, read once per candidate phrasing a question.
  const docClass = Int32Array.from(docs, (d) => d.cls);
  // Each intent's place in the order of ids (localeCompare), which breaks ties between scores.
  const idOrder = new Int32Array(kb.intents.length);
  kb.intents
    .map((intent, cls) => ({ id: intent.id, cls }))
    .sort((a, b) => a.id.localeCompare(b.id))
    .forEach(({ cls }, place) => (idOrder[cls] = place));
  const vocabulary = createVocabulary(docTokens);
  const index = createInvertedIndex(vocabulary);
  const centroids = createCentroids(vocabulary, docClass);
  const buildFuse = () => new Fuse(docs, FUSE_OPTIONS, Fuse.createIndex(FUSE_OPTIONS.keys ?? [], docs));
  const fuse = prepared ? withPrepared(prepared, buildFuse) : buildFuse();
  const searcherFor = createWordSearchers(fuse);
  const qw = opts.queryWeight;
  const similarity =
    qw === 0.5
      ? (queryCoverage: number, documentCoverage: number) => Math.sqrt(queryCoverage * documentCoverage)
      : (queryCoverage: number, documentCoverage: number) => queryCoverage ** qw * documentCoverage ** (1 - qw);
  // Per-query state, reused: less garbage a question, so fewer young-generation collections
  // land inside a match (they set the p99 on a large knowledge base).
  // Similarity of each candidate phrasing.
  const simsBuffer = new Float64Array(docs.length);
  // Best and second-best similarity of each class (-1: not touched by this question).
  const first = new Float64Array(outOfScopeClass + 1).fill(-1);
  const second = new Float64Array(outOfScopeClass + 1);
  // The classes the current question touched (the first `classCount`), and their best similarity.
  const classList = new Int32Array(outOfScopeClass + 1);
  const classBest = new Float64Array(outOfScopeClass + 1);
  // The final score of each listed intent.
  const classScore = new Float64Array(outOfScopeClass + 1);
  let classCount = 0;

  // === Search
  function match(raw: string): MatchResult {
    const { text, facts } = normaliser.analyse(raw);
    const inDomain = DOMAIN.test(text.replace(NOT_OVERDUE, ""));
    const named = facets.map((f) => facetOf(f, text));
    const smallTalk = SMALL_TALK.test(text);
    const paidOff = opts.settledBonus > 0 && PAID_OFF.test(text);
    const otherProduct = OTHER_PRODUCTS.test(text.replace(CARD_AS_CONSEQUENCE, "")) && !OUR_PRODUCTS.test(text);
    const query = vocabulary.lookUp(tokensOf(text));
    const scored = index.score(query);
    const count = scored.count;
    if (count === 0) return { text, facts, candidates: [], outOfScope: 0, inDomain, smallTalk, otherProduct };

    // Exact similarity for every candidate phrasing; fuse.js then re-scores the best `rerank`
    // of them with its corpus-wide TF-IDF and fuzzy word matching.
    const sims = simsBuffer.subarray(0, count);
    for (let i = 0; i < count; i++) sims[i] = similarity(scored.queryCoverage[i]!, scored.documentCoverage[i]!);
    if (opts.fuseWeight > 0 && opts.rerank > 0) {
      // ICU splits words it does not know (花呗, 借呗) into single characters, which say nothing
      // to fuse.js's word matching and only dilute its score. So fuse.js searches the
      // words of two or more characters, and its score is scaled by their share of the
      // question's word characters. Same figures on both eval sets; half the tail latency, as
      // every single character cost a bitap pass per phrasing.
      const all = words(text);
      const long = all.filter((w) => w.length >= 2);
      const share = long.length === 0 ? 0 : characters(long) / characters(all);
      const searcher = searcherFor(long);
      for (const i of topIndexes(sims, opts.rerank)) {
        const r = share > 0 ? searchWords(searcher, docs[scored.docs[i]!]!.text) : { isMatch: false, score: 1 };
        const fuzzy = r.isMatch ? (1 - r.score) * share : 0;
        const coverage = (1 - opts.fuseWeight) * scored.queryCoverage[i]! + opts.fuseWeight * fuzzy;
        sims[i] = similarity(coverage, scored.documentCoverage[i]!);
      }
    }

    // Per class: its best and second-best phrasing. Only the classes the last question touched
    // are reset, so the cost follows the candidates, not the number of intents.
    for (let j = 0; j < classCount; j++) {
      first[classList[j]!] = -1;
      second[classList[j]!] = 0;
    }
    classCount = 0;
    for (let i = 0; i < count; i++) {
      const sim = sims[i]!;
      const cls = docClass[scored.docs[i]!]!;
      if (first[cls]! < 0) {
        classList[classCount++] = cls;
        first[cls] = sim;
      } else if (sim > first[cls]!) {
        second[cls] = first[cls]!;
        first[cls] = sim;
      } else if (sim > second[cls]!) second[cls] = sim;
    }

    // Centroids for the classes whose best phrasing ranks in the top `centroidClasses` (and the
    // out-of-scope class). The centroid lifts a class by half its cosine at most, so the rest do
    // not reach the five candidates in practice (same figures on both eval sets with 30 or all).
    for (let j = 0; j < classCount; j++) classBest[j] = first[classList[j]!]!;
    const ranked = topIndexes(classBest.subarray(0, classCount), opts.centroidClasses).map((j) => classList[j]!);
    if (first[outOfScopeClass]! >= 0 && !ranked.includes(outOfScopeClass)) ranked.push(outOfScopeClass);
    const cosine = centroids.score(query, ranked);
    let outOfScope = 0;
    const listed: number[] = [];
    for (const cls of ranked) {
      const best = first[cls]!;
      const phrasing = Math.min(1, best + opts.agreement * second[cls]! * (1 - best));
      let score = (1 - opts.centroidWeight) * phrasing + opts.centroidWeight * cosine[cls]!;
      if (cls === outOfScopeClass) outOfScope = score;
      else {
        for (let f = 0; f < facets.length; f++) {
          const about = intentFacets[f]![cls]!;
          if (named[f]! >= 0 && about >= 0 && about !== named[f]) score = Math.max(0, score - facets[f]!.penalty);
        }
        if (paidOff && settled[cls]) score = Math.min(1, score + opts.settledBonus);
        classScore[cls] = score;
        listed.push(cls);
      }
    }
    listed.sort((a, b) => classScore[b]! - classScore[a]! || idOrder[a]! - idOrder[b]!);
    const candidates: Candidate[] = listed.map((cls) => ({ intent: kb.intents[cls]!, score: classScore[cls]! }));
    diversify(candidates, opts.diversity);
    return { text, facts, candidates: candidates.slice(0, opts.maxCandidates), outOfScope, inDomain, smallTalk, otherProduct };
  }

  return { match, normaliser };
}
