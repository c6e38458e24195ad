/** Slack's Block Kit limits (docs.slack.dev/reference/block-kit), in characters unless noted. */
export const blockLimits = {
  sectionText: 3_000,
  headerText: 150,
  contextElementText: 2_000,
  /** Elements in one context block. */
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2_000,
  /** Blocks in one message. */
  blocks: 50,
  /** The notification fallback `text` (Slack truncates at 40,000; a few lines are plenty). */
  fallbackText: 3_000,
} as const;
