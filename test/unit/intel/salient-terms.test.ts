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
    expect(contentTerms('रांची: छात्रों के तेवर')).toEqual(['रांची', 'छात्रों', 'के', 'तेवर']);
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
