const boilerplateStart =
  /^(?:["“(\[]\s*)?(?:click here|read more|read the full|continue reading|subscribe|sign up|follow us|follow the latest|download the|watch:|listen:|photo:|photos:|file photo|image:|video:|related:|see also|advertisement|share this|this article (?:was|originally|first)|this story (?:was|originally|first|has been)|the post |copyright|©|reporting by|editing by|writing by|additional reporting|for more news|get the latest|to read more|originally published|all rights reserved|recommended stories|more on this|you can also|this content|join our|please note)/iu;
const boilerplateAnywhere = /appeared first on|all rights reserved|click here|sign up for our|subscribe to our|\(reporting by|; editing by/iu;
const hasWord = /[\p{L}\p{N}]{2,}/u;
// A byline on a line of its own: "By Jane Doe", "By Jane Doe and John Roe".
const bylineOnly = /^By\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?$/u;

/** Sentences that are publisher furniture, not news ("The post … appeared first on …"). */
export function isBoilerplate(sentence: string): boolean {
  return (
    !hasWord.test(sentence) ||
    boilerplateStart.test(sentence) ||
    boilerplateAnywhere.test(sentence) ||
    bylineOnly.test(sentence)
  );
}
