/**
 * Document frequencies from a reference corpus of news (data/model/story-idf.json).
 * Counted as `weight` pseudo-documents, they tell a small or fresh stream that
 * "killed" and "minister" are everyday news words and "Zamzam" is not: without
 * them, a story's own words look common and one-off generic words look rare.
 */
export interface BackgroundFrequencies {
  documents: number;
  df: ReadonlyMap<string, number>;
  /** Pseudo-documents the background counts as (its frequencies are scaled to it). */
  weight: number;
}

/**
 * Term ids and document frequencies over the stories currently in the window. A story
 * is one document however many reports it has: a live blog's fortieth post must not
 * make the blog's own subject look like an everyday word. The clusterer counts each
 * report as a document of its own when it arrives (it is scored as a one-report story)
 * and folds it into its story's counts when it joins. Frequencies leave with the story,
 * so the IDF follows recent news and the table stays bounded by the window.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly priorDocs: number;
  private readonly backgroundScale: number;
  private terms: (string | undefined)[] = [];
  private df = new Int32Array(1024);
  /** Reports (not stories) using each term; they count for `reportWeight` of the frequency. */
  private reportDf = new Int32Array(1024);
  /** 1 for terms seen written as names (places, people): their rarity counts every report. */
  private nameFlags = new Uint8Array(1024);
  /** Reference frequency of each interned term, already scaled to the reference's weight. */
  private background = new Float64Array(1024);
  private readonly free: number[] = [];
  private docs = 0;
  private reportDocs = 0;
  // IDF is recomputed for a term when its frequency changes or the document count has
  // moved by about 2.5% (a new epoch); otherwise the cached value is used.
  private idfCache = new Float64Array(1024);
  private idfStamp = new Int32Array(1024).fill(-1);
  private currentEpoch = 0;
  private epochDocs = 0;

  /**
   * @param priorDocs pseudo-documents added to the count so the first reports of a
   *   fresh process do not treat every word as maximally rare.
   * @param reference frequencies those pseudo-documents carry; with one, its weight
   *   replaces `priorDocs`.
   */
  constructor(
    priorDocs: number,
    private readonly reference?: BackgroundFrequencies,
    /** How much a story's reports beyond its first count (0: stories only, 1: every report). */
    private readonly reportWeight = 0,
  ) {
    this.priorDocs = reference ? reference.weight : priorDocs;
    this.backgroundScale = reference && reference.documents > 0 ? reference.weight / reference.documents : 0;
  }

  get size(): number {
    return this.ids.size;
  }

  get documents(): number {
    return this.docs;
  }

  /** The id of a term known to the vocabulary, or undefined. */
  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string | undefined {
    return this.terms[id];
  }

  /** Changes whenever IDF values may have moved; caches of norms compare against it. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** IDF of a term id; unknown ids count as never seen. */
  idf(id: number | undefined): number {
    if (id === undefined) return Math.log(this.documentsAt(this.reportWeight) + this.priorDocs + 1);
    if (this.idfStamp[id] === this.currentEpoch) return this.idfCache[id] ?? 0;
    const df = this.df[id] ?? 0;
    const weight = this.nameFlags[id] === 1 ? 1 : this.reportWeight;
    const frequency = df + weight * ((this.reportDf[id] ?? 0) - df);
    const value = Math.log((this.documentsAt(weight) + this.priorDocs + 1) / (frequency + (this.background[id] ?? 0) + 1));
    this.idfCache[id] = value;
    this.idfStamp[id] = this.currentEpoch;
    return value;
  }

  /** Documents when reports beyond a story's first count for `weight` each. */
  private documentsAt(weight: number): number {
    return this.docs + weight * (this.reportDocs - this.docs);
  }

  private touchDocs(delta: number, reportDelta = 0): void {
    this.docs = Math.max(0, this.docs + delta);
    this.reportDocs = Math.max(0, this.reportDocs + reportDelta);
    // Measured from the count at the last change, not rounded: the count steps up when an
    // item arrives and back down when it joins a story, and a rounding boundary between
    // the two would otherwise invalidate every cached norm twice per item.
    const docs = this.documentsAt(this.reportWeight);
    if (Math.abs(Math.log((docs + this.priorDocs + 1) / (this.epochDocs + this.priorDocs + 1))) >= 0.025) {
      this.epochDocs = docs;
      this.currentEpoch += 1;
    }
  }

  /** IDF of a term string (unseen terms are maximally rare). */
  idfOf(term: string): number {
    return this.idf(this.ids.get(term));
  }

  /** Counts one report with these distinct terms; returns their ids. */
  addDocument(distinctTerms: readonly string[]): Int32Array {
    this.touchDocs(1, 1);
    const out = new Int32Array(distinctTerms.length);
    distinctTerms.forEach((term, index) => {
      const id = this.intern(term);
      this.df[id] = (this.df[id] ?? 0) + 1;
      this.reportDf[id] = (this.reportDf[id] ?? 0) + 1;
      this.idfStamp[id] = -1;
      out[index] = id;
    });
    return out;
  }

  /** Forgets one document counted by addDocument, with these of its terms. */
  removeDocument(ids: Iterable<number>): void {
    this.touchDocs(-1);
    this.removeTerms(ids);
  }

  /** Uncounts terms of a document that stays counted. */
  removeTerms(ids: Iterable<number>): void {
    for (const id of ids) {
      this.df[id] = Math.max(0, (this.df[id] ?? 0) - 1);
      this.idfStamp[id] = -1;
      this.releaseIfUnused(id);
    }
  }

  /**
   * A term written as a name: a place in the news all day hosts several events, so its
   * rarity counts every report, not every story, whatever `reportWeight` says.
   */
  markName(id: number): void {
    if (this.nameFlags[id] === 1) return;
    this.nameFlags[id] = 1;
    this.idfStamp[id] = -1;
  }

  /** Forgets one report (its story's document is counted apart, by removeDocument). */
  removeReport(ids: Iterable<number>): void {
    this.touchDocs(0, -1);
    for (const id of ids) {
      this.reportDf[id] = Math.max(0, (this.reportDf[id] ?? 0) - 1);
      this.idfStamp[id] = -1;
      this.releaseIfUnused(id);
    }
  }

  private releaseIfUnused(id: number): void {
    if ((this.df[id] ?? 0) <= 0 && (this.reportDf[id] ?? 0) <= 0) this.release(id);
  }

  private intern(term: string): number {
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    const id = this.free.pop() ?? this.terms.length;
    if (id >= this.df.length) {
      const length = this.df.length * 2;
      this.df = grown(this.df, new Int32Array(length));
      this.reportDf = grown(this.reportDf, new Int32Array(length));
      this.nameFlags = grown(this.nameFlags, new Uint8Array(length));
      this.idfCache = grown(this.idfCache, new Float64Array(length));
      this.background = grown(this.background, new Float64Array(length));
      this.idfStamp = grown(this.idfStamp, new Int32Array(length).fill(-1));
    }
    this.ids.set(term, id);
    this.terms[id] = term;
    this.df[id] = 0;
    this.reportDf[id] = 0;
    this.nameFlags[id] = 0;
    this.background[id] = (this.reference?.df.get(term) ?? 0) * this.backgroundScale;
    this.idfStamp[id] = -1;
    return id;
  }

  private release(id: number): void {
    const term = this.terms[id];
    if (term === undefined) return;
    this.ids.delete(term);
    this.terms[id] = undefined;
    this.free.push(id);
  }
}

/** `larger` with `values` copied to its start. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(values: T, larger: T): T {
  larger.set(values);
  return larger;
}
