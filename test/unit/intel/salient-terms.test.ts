import { describe, expect, it } from 'vitest';
import { createStoryClusterer } from '../../../src/intel/cluster/create-story-clusterer.js';
import { contentTerms } from '../../../src/intel/cluster/salient-terms.js';
import { at, clusterInput } from './cluster-builders.js';

describe('salient terms', () => {
  it('English words are folded, stemmed and normalized', () => {
    expect(contentTerms('Erdoğan attacks, attacked: U.S. quake-hit Zürich')).toEqual(['erdogan', 'attack', 'attack', 'usa', 'earthquake', 'hit', 'zurich']);
  });

  it('words of scripts with vowel signs stay whole (the signs are combining marks)', () => {
    expect(contentTerms('মুক্তিযুদ্ধের স্মৃতিবাহী জাদুঘর')).toEqual(['মুক্তিযুদ্ধের', 'স্মৃতিবাহী', 'জাদুঘর']);
    expect(contentTerms('तेवर तल्ख')).toEqual(['तेवर', 'तल्ख']);
  });

  it('function words of the other feed languages are dropped; English words they spell stay', () => {
    expect(contentTerms('Polícia apreende malas de tabaco em táxis na fronteira com Espanha')).toEqual([
      ...contentTerms('polícia apreende malas tabaco táxis fronteira Espanha'),
    ]);
    expect(contentTerms("L'armée frappe le sud du Liban")).toEqual(['arm', 'frapp', 'sud', 'liban']);
    expect(contentTerms('Удар по Киеву: погибли 5 человек')).toEqual(['удар', 'киеву', 'погибли', '#5', 'человек']);
    // German "die" and "war", French "son" are English news words.
    expect(contentTerms('Two die as war rages; son held')).toEqual(['#2', 'die', 'war', 'rag', 'son', 'hold']);
  });

  it('Bengali and Hindi news words read as their English terms, case endings and all; their digits are numbers', () => {
    expect(contentTerms('কলম্বিয়ায় ভূমিকম্পে নিহতের সংখ্যা বেড়ে ২৬৫')).toEqual(['colombia', 'earthquake', 'kill', 'সংখ্যা', 'বেড়ে', '#265']);
    expect(contentTerms('Colombia quake kills 265')).toEqual(['colombia', 'earthquake', 'kill', '#265']);
    expect(contentTerms('रांची में भूकंप, मोदी ने कहा')).toEqual(['ranchi', 'earthquake', 'modi', 'कहा']);
    // The Hindi oblique plural: "चुनावों में" (in the elections).
    expect(contentTerms('चुनावों में धांधली')).toEqual(['election', 'धांधली']);
    // States, divisions and kinds of happening; general words ("police", "students") stay in their own script.
    expect(contentTerms('बिहार में ड्रोन हमला, पुलिस सतर्क')).toEqual([...contentTerms('Bihar drone attack'), 'पुलिस', 'सतर्क']);
    expect(contentTerms('সিলেটে ভূমিধসে নিহত ৫, পুলিশের উদ্ধার তৎপরতা')).toEqual([
      ...contentTerms('Sylhet landslide killed 5'),
      'পুলিশের',
      ...contentTerms('rescue'),
      'তৎপরতা',
    ]);
  });

  it('a Bengali report of an earthquake joins the English reports of it', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const wire = clusterer.add(
      clusterInput({
        id: 'aj-quake',
        source: 'Al Jazeera',
        published: at(0),
        title: 'Colombia earthquake death toll rises to 265 as search for missing goes on',
        summary: 'Rescuers in Colombia say 265 people were killed in the earthquake and 496 are missing.',
        places: ['CO'],
      }),
    );
    const bengali = clusterer.add(
      clusterInput({
        id: 'pa-quake',
        source: 'Prothom Alo',
        published: at(3),
        title: 'কলম্বিয়ায় শক্তিশালী ভূমিকম্পে নিহতের সংখ্যা বেড়ে ২৬৫, নিখোঁজ ৪৯৬',
        summary: 'কলম্বিয়ার ভূমিকম্পে নিহত মানুষের সংখ্যা ২৬৫ জনে দাঁড়িয়েছে।',
      }),
    );
    expect(bengali).toMatchObject({ created: false, story: { id: wire.story.id } });
  });

  it('unrelated Bengali headlines from one feed stay separate stories', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const headlines = [
      'ভাঙচুর ও লুটপাটের পর দুই বছর ধরে বন্ধ মুক্তিযুদ্ধের স্মৃতিবাহী দুই জাদুঘর',
      '১৫টি ছবিতে দেখুন নয়নতারার চমৎকার হোম স্টুডিওর অন্দর',
      'ছয় মাস পর্যটক যাতায়াত বন্ধ থাকার পর যেমন চেহারা দাঁড়িয়েছে সেন্ট মার্টিনের',
      'চুনতিতে বাঁশবাগান রক্ষায় সচেষ্ট হোন',
    ];
    const results = headlines.map((title, i) => clusterer.add(clusterInput({ id: `pa-${i}`, source: 'Prothom Alo', title, published: at(i) })));
    expect(results.map((r) => r.created)).toEqual([true, true, true, true]);
  });
});
