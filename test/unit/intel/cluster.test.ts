import { describe, expect, it } from 'vitest';
import type { DecisionTrace, StoryClustererOptions } from '../../../src/intel/cluster/cluster-types.js';
import { defaultWeights } from '../../../src/intel/cluster/cluster-options.js';
import { createStoryClusterer as createBare } from '../../../src/intel/cluster/create-story-clusterer.js';
import { loadStoryIdf } from '../../../src/intel/cluster/story-idf.js';
import { at, caliQuake, clusterInput, kunduzBombing } from './cluster-builders.js';

const shipped = await loadStoryIdf();
if (!shipped.ok) throw new Error(shipped.message);

// Production clusters with the shipped reference frequencies; a missing file falls back to none.
describe.each([
  ['with the shipped reference frequencies', shipped.background],
  ['on the window IDF alone', undefined],
])('story clustering %s', (_name, background) => {
  const createStoryClusterer = (options: StoryClustererOptions) => createBare({ ...options, ...(background ? { background } : {}) });

  it('three outlets report one event → one story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const results = kunduzBombing.map((item) => clusterer.add(item));
    expect(results.map((r) => r.created)).toEqual([true, false, false]);
    expect(new Set(results.map((r) => r.story.id))).toEqual(new Set(['story-reuters-1']));
    const story = results[2]?.story;
    expect(story?.reports.map((r) => r.source)).toEqual(['Reuters', 'AFP', 'Al Jazeera']);
  });

  it('another attack in the same province two days later → new story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    for (const item of kunduzBombing) clusterer.add(item);
    const later = clusterer.add(
      clusterInput({
        id: 'pajhwok-2',
        source: 'Pajhwok',
        published: at(50),
        title: 'Suicide bomber kills worshippers at mosque in Kunduz',
        summary: 'A suicide bomber struck a mosque in Kunduz province during prayers on Sunday, killing six people, officials said.',
        places: ['AF', 'AF-KDZ'],
      }),
    );
    expect(later.created).toBe(true);
  });

  it('another attack in the same province the next day → new story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    for (const item of kunduzBombing) clusterer.add(item);
    const roadside = clusterer.add(
      clusterInput({
        id: 'pajhwok-3',
        source: 'Pajhwok',
        published: at(26),
        title: 'Roadside bomb kills four Taliban policemen in Kunduz',
        summary:
          'KUNDUZ (Pajhwok): A roadside bomb struck a police vehicle in Imam Sahib district of Kunduz province on Saturday evening, killing four policemen, officials said.',
        places: ['AF', 'AF-KDZ'],
        actors: ['taliban'],
      }),
    );
    expect(roadside.created).toBe(true);
  });

  it('same minister, different meeting → new story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const china = [
      clusterInput({
        id: 'bakhtar-cn',
        source: 'Bakhtar',
        published: at(0),
        title: "Foreign Minister Muttaqi meets China's special envoy in Kabul",
        summary:
          "Acting Foreign Minister Amir Khan Muttaqi met China's special envoy for Afghanistan, Yue Xiaoyong, in Kabul on Tuesday to discuss the Mes Aynak copper project.",
      }),
      clusterInput({
        id: 'xinhua-cn',
        source: 'Xinhua',
        published: at(2),
        title: 'China, Afghanistan discuss mining, trade cooperation',
        summary:
          'Chinese special envoy Yue Xiaoyong held talks with Afghan caretaker foreign minister Amir Khan Muttaqi in Kabul, agreeing to speed up work at the Mes Aynak copper mine.',
      }),
    ].map((item) => clusterer.add(item));
    expect(china[1]?.created).toBe(false);
    const pakistan = clusterer.add(
      clusterInput({
        id: 'bakhtar-pk',
        source: 'Bakhtar',
        published: at(22),
        title: 'Muttaqi receives Pakistani delegation on border trade',
        summary:
          'Acting Foreign Minister Amir Khan Muttaqi received a Pakistani delegation led by special representative Mohammad Sadiq in Kabul on Wednesday to discuss the reopening of the Torkham crossing.',
      }),
    );
    expect(pakistan.created).toBe(true);
  });

  it('out-of-window item starts a new story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const first = kunduzBombing[0];
    if (!first) throw new Error('fixture');
    clusterer.add(first);
    const repeat = clusterer.add({ ...first, id: 'reuters-again', published: at(37) });
    expect(repeat.created).toBe(true);
    expect(repeat.story.id).toBe('story-reuters-again');
  });

  it('another abduction in the same state the next day, from a mosque rather than a school → new story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const school = clusterer.add(
      clusterInput({
        id: 'trust-1',
        source: 'Daily Trust',
        published: at(0),
        title: 'Gunmen abduct scores of pupils from school in Kaduna',
        summary: 'Armed men stormed a primary school in Kaduna State on Thursday morning and abducted scores of pupils and teachers, residents said.',
        places: ['NG'],
      }),
    );
    const sameRaid = clusterer.add(
      clusterInput({
        id: 'wire-1',
        source: 'Wire',
        published: at(3),
        title: 'Nigerian gunmen kidnap pupils in Kaduna school raid',
        summary: 'Gunmen in northwest Nigeria kidnapped scores of pupils from a school in Kaduna State, police said.',
        places: ['NG'],
      }),
    );
    const mosque = clusterer.add(
      clusterInput({
        id: 'times-1',
        source: 'Premium Times',
        published: at(20),
        title: 'Gunmen abduct worshippers from mosque in Kaduna',
        summary: 'Armed men abducted worshippers during prayers at a mosque in Kaduna State on Friday, residents said.',
        places: ['NG'],
      }),
    );
    expect(sameRaid).toMatchObject({ created: false, story: { id: school.story.id } });
    expect(mosque.created).toBe(true);
  });

  it('a feature and a wire story about one earthquake join; a quake in another country does not', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const feature = clusterer.add(
      clusterInput({
        id: 'feature-1',
        source: 'Features Desk',
        published: at(0),
        title: 'In shattered Arequipa, families wait for news of the missing',
        summary: 'Most deaths from the magnitude-7.1 quake were reported in Arequipa, Peru’s second city, where crews are searching collapsed buildings.',
        places: ['PE'],
      }),
    );
    const wire = clusterer.add(
      clusterInput({
        id: 'wire-1',
        source: 'Wire',
        published: at(6),
        title: 'Peru earthquake death toll rises to 140 as rescuers hunt for survivors',
        summary: 'Rescue teams worked through the night as the toll from Tuesday’s earthquake in southern Peru climbed, officials said.',
        places: ['PE'],
      }),
    );
    const elsewhere = clusterer.add(
      clusterInput({
        id: 'wire-2',
        source: 'Wire',
        published: at(8),
        title: 'Strong earthquake shakes northern Chile, damaging homes',
        summary: 'A magnitude-6.6 earthquake struck near Antofagasta on Wednesday, damaging homes; no deaths were reported.',
        places: ['CL'],
      }),
    );
    expect(wire).toMatchObject({ created: false, story: { id: feature.story.id } });
    expect(elsewhere.created).toBe(true);
  });

  it('a Bengali report joins the English story it shares several words with; one shared word is not enough', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const wire = clusterer.add(
      clusterInput({
        id: 'eclipse-wire',
        published: at(0),
        title: 'Total solar eclipse plunges Iceland and Spain into darkness',
        summary: 'Crowds gathered in Reykjavik and across northern Spain as the moon covered the sun for up to two minutes.',
        places: ['IS', 'ES'],
      }),
    );
    clusterer.add(
      clusterInput({
        id: 'eclipse-photos',
        source: 'Photo Desk',
        published: at(1),
        title: 'Photos: the eclipse over Spain, Iceland and the Atlantic',
        summary: 'Skywatchers in Spain and Iceland saw the first total solar eclipse in mainland Europe since 1999.',
        places: ['IS', 'ES'],
      }),
    );
    const energy = clusterer.add(
      clusterInput({
        id: 'libya-energy',
        published: at(1),
        title: 'Drone attacks on power plants deepen Libya energy crisis',
        summary: 'Blackouts spread across Tripoli after drones struck two gas-fired power stations overnight.',
        places: ['LY'],
      }),
    );
    // "Crowds of onlookers around the solar eclipse, many came from far away" / "In Spain and Iceland the daytime sky went
    // dark for a few minutes and thousands came out to watch. Some waited on hilltops overnight with special glasses."
    const bengali = clusterer.add(
      clusterInput({
        id: 'eclipse-bn',
        source: 'Bengali Daily',
        published: at(2),
        title: 'সূর্যগ্রহণ ঘিরে উৎসুক মানুষের ভিড়, অনেকে এসেছেন দূরদূরান্ত থেকে',
        summary:
          'স্পেনে ও আইসল্যান্ডে কয়েক মিনিটের জন্য দিনের আকাশ অন্ধকারে ঢেকে যায়, তা দেখতে রাস্তায় নেমে আসেন হাজারো মানুষ। কেউ কেউ বিশেষ চশমা নিয়ে রাত জেগে পাহাড়ের চূড়ায় অপেক্ষা করেছেন। সবচেয়ে বেশি ভিড় ছিল উপকূলের ছোট শহরগুলোতে, যেখানে সকাল থেকেই আবহাওয়া পরিষ্কার ছিল এবং হোটেলের কোনো কক্ষ খালি ছিল না।',
        places: ['IS', 'ES'],
      }),
    );
    // "Import-dependent energy sector: shortages of gas and electricity in one crisis"
    const energyAtHome = clusterer.add(
      clusterInput({
        id: 'energy-bn',
        source: 'Bengali Daily',
        published: at(2),
        title: 'আমদানিনির্ভর জ্বালানি খাত, এক সংকটেই গ্যাস-বিদ্যুতে হাহাকার',
        summary: 'দেশের বিদ্যুৎকেন্দ্রগুলো চালু রাখতে প্রয়োজনীয় জ্বালানি আমদানি করা যাচ্ছে না।',
      }),
    );
    expect(bengali).toMatchObject({ created: false, story: { id: wire.story.id } });
    expect(energyAtHome.story.id).not.toBe(energy.story.id);
    expect(energyAtHome.created).toBe(true);
  });

  it('a Bengali report that shares only a city with an English story stays apart; one that shares the event joins', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const arrests = clusterer.add(
      clusterInput({
        id: 'dhaka-arrests',
        published: at(0),
        title: 'Dhaka police arrest 20 in crackdown on opposition protest',
        summary: 'Police in Dhaka detained at least 20 opposition activists after clashes near the party headquarters, officials said.',
        places: ['BD'],
      }),
    );
    // "People suffer in Dhaka traffic jams, police struggle" / "Long jams built up on the capital's main roads
    // from the morning. Dhaka traffic police said rain had made things worse."
    const traffic = clusterer.add(
      clusterInput({
        id: 'dhaka-traffic-bn',
        source: 'Bengali Daily',
        published: at(1),
        title: 'ঢাকায় যানজটে নাকাল মানুষ, পুলিশের হিমশিম',
        summary: 'সকাল থেকে রাজধানীর প্রধান সড়কগুলোতে দীর্ঘ যানজট তৈরি হয়। ঢাকার ট্রাফিক পুলিশ জানিয়েছে, বৃষ্টির কারণে পরিস্থিতি আরও খারাপ হয়েছে।',
        places: ['BD'],
      }),
    );
    // "20 BNP leaders and activists arrested at a protest in Dhaka" / "Police arrested at least 20 ... from a protest march in the capital."
    const sameArrests = clusterer.add(
      clusterInput({
        id: 'dhaka-arrests-bn',
        source: 'Bengali Daily',
        published: at(1.5),
        title: 'ঢাকায় বিক্ষোভ থেকে বিএনপির ২০ নেতা-কর্মী গ্রেপ্তার',
        summary: 'রাজধানীতে বিক্ষোভ মিছিল থেকে বিএনপির অন্তত ২০ জন নেতা-কর্মীকে গ্রেপ্তার করেছে পুলিশ।',
        places: ['BD'],
      }),
    );
    expect(traffic.created).toBe(true);
    expect(sameArrests).toMatchObject({ created: false, story: { id: arrests.story.id } });
  });

  it('a blast and the fire it started, reported by two outlets, are one story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const blast = clusterer.add(
      clusterInput({
        id: 'blast-1',
        published: at(0),
        title: 'Huge explosion at Chittagong container depot kills at least 16',
        summary: 'A blast at a private container depot in Sitakunda near Chittagong killed at least 16 people and injured more than 150, officials said.',
        places: ['BD'],
      }),
    );
    const fire = clusterer.add(
      clusterInput({
        id: 'fire-1',
        source: 'Daily',
        published: at(3),
        title: 'Firefighters still battling blaze at Sitakunda depot as toll rises to 35',
        summary: 'Chemical-laden containers kept the fire burning through the night at the BM container depot in Sitakunda, Chittagong.',
        places: ['BD'],
      }),
    );
    expect(fire).toMatchObject({ created: false, story: { id: blast.story.id } });
  });

  it('Portuguese headlines of one feed stay apart though they share every function word; two reports of one crash join', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const homepage = [
      clusterInput({
        id: 'pt-1',
        source: 'Diário',
        published: at(0),
        title: 'Polícia apreende malas de tabaco escondidas em táxis na fronteira com Espanha',
        summary: 'Os agentes encontraram mais de 300 volumes de tabaco dentro de malas de dois táxis que vinham de Espanha.',
      }),
      clusterInput({
        id: 'pt-2',
        source: 'Diário',
        published: at(0.5),
        title: 'Nasceu o terceiro filho da apresentadora de televisão',
        summary: 'O bebé nasceu de madrugada em Lisboa e a mãe partilhou a notícia com os seguidores nas redes sociais.',
      }),
      clusterInput({
        id: 'pt-3',
        source: 'Diário',
        published: at(1),
        title: 'Filho de estrela de reality show internado com pneumonia',
        summary: 'O menino de dois anos foi levado para uma clínica de Los Angeles, contou a família num comunicado.',
      }),
      clusterInput({
        id: 'pt-4',
        source: 'Diário',
        published: at(1.5),
        title: 'Governo aprova aumento do salário mínimo para o próximo ano',
        summary: 'O Conselho de Ministros aprovou esta quinta-feira o aumento do salário mínimo nacional, que entra em vigor em janeiro.',
      }),
      clusterInput({
        id: 'pt-5',
        source: 'Diário',
        published: at(2),
        title: 'Dois mortos em acidente na autoestrada A1 perto de Leiria',
        summary: 'O choque entre um camião e um automóvel ligeiro causou dois mortos e um ferido grave, segundo a GNR.',
      }),
    ];
    const stories = homepage.map((item) => clusterer.add(item).story.id);
    expect(new Set(stories).size).toBe(homepage.length);
    const otherOutlet = clusterer.add(
      clusterInput({
        id: 'pt-6',
        source: 'Jornal',
        published: at(2.5),
        title: 'Colisão entre camião e carro faz dois mortos na A1 em Leiria',
        summary: 'Um ferido grave foi levado para o hospital de Leiria depois do acidente na autoestrada, disse a GNR.',
      }),
    );
    expect(otherOutlet).toMatchObject({ created: false, story: { id: stories[4] } });
  });

  it('a story that already has a report from the item\'s feed counts against the match, by the sameFeed weight; a live-page post is exempt', () => {
    const traced = (feedId: string, link: string | null) => {
      const decisions: DecisionTrace[] = [];
      const clusterer = createStoryClusterer({ windowHours: 36, onDecision: (trace) => decisions.push(trace) });
      clusterer.add(clusterInput({ ...kunduzBombing[0]!, feedId: 'wire', link: link && `${link}/first-post` }));
      clusterer.add(clusterInput({ ...kunduzBombing[1]!, feedId, link: link && `${link}/second-post` }));
      return decisions.at(-1)?.candidates[0]?.features;
    };
    const otherFeed = traced('afp', null);
    const sameFeed = traced('wire', null);
    expect(otherFeed?.sameFeed).toBe(false);
    expect(sameFeed?.sameFeed).toBe(true);
    expect((otherFeed?.score ?? 0) - (sameFeed?.score ?? 0)).toBeCloseTo(defaultWeights.sameFeed, 6);
    const page = 'https://news.example/live/2026/03/06/world/kunduz-blast';
    expect(traced('wire', page)).toMatchObject({ sameLivePage: true, sameFeed: false });
  });

  it('a follow-up from the same outlet joins its story', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    for (const item of kunduzBombing) clusterer.add(item);
    const update = clusterer.add(
      clusterInput({
        id: 'reuters-2',
        source: 'Reuters',
        published: at(7),
        title: 'Islamic State says it carried out Kunduz mosque suicide bombing',
        summary: "Islamic State's Afghan branch claimed Friday's suicide bombing of a Shi'ite mosque in Kunduz that killed 31 worshippers.",
      }),
    );
    expect(update).toMatchObject({ created: false, story: { id: 'story-reuters-1' } });
  });

  it('story record merges annotations, counts reports and spans their times', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    let story = clusterer.add(kunduzBombing[0] ?? clusterInput({ id: 'x', title: 'x', published: at(0) })).story;
    for (const item of kunduzBombing.slice(1)) story = clusterer.add(item).story;
    expect(story.firstReport).toMatchObject({ itemId: 'reuters-1', source: 'Reuters', published: at(0) });
    expect(story.reports).toHaveLength(3);
    expect(story.topics).toEqual(['security', 'human_rights']);
    expect(story.scores).toEqual({ security: 0.93, human_rights: 0.55 });
    expect(story.places).toEqual(['AF', 'AF-KDZ']);
    expect(story.actors).toEqual(['taliban', 'isis-k']);
    expect(story.firstSeen).toBe(at(0));
    expect(story.lastUpdated).toBe(at(4));
  });

  it('posts of one live page join its story however little their headlines say; another page\'s do not', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const page = 'https://www.nytimes.com/live/2026/08/12/world/solar-eclipse-2026-updates';
    const post = (id: string, hours: number, title: string, summary: string, link: string) =>
      clusterer.add(clusterInput({ id, source: 'NYT', published: at(hours), title, summary, link }));
    const first = post('p1', 0, 'Crowds gather in Spain for the total solar eclipse', 'Spanish towns filled with visitors.', `${page}/crowds-gather`);
    const latest = post('p2', 3, 'Here’s the latest.', 'Normally empty villages have filled up.', `${page}/heres-the-latest`);
    const other = post('q1', 4, 'Here’s the latest.', 'Markets are calm this morning.', 'https://www.nytimes.com/live/2026/08/12/business/stock-market-today/heres-the-latest');
    expect(first.created).toBe(true);
    expect(latest).toMatchObject({ created: false, story: { id: first.story.id } });
    expect(other.created).toBe(true);
  });

  it('an item that shows two live stories to be one event merges the later into the earlier', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    const [feature, flash, third] = caliQuake;
    if (!feature || !flash || !third) throw new Error('fixture');
    expect(clusterer.add(feature)).toMatchObject({ created: true, absorbed: [] });
    expect(clusterer.add(flash)).toMatchObject({ created: true, absorbed: [] });
    expect(clusterer.liveStories).toBe(2);
    const wire = clusterer.add(third);
    expect(wire).toMatchObject({ created: false, absorbed: ['story-ap-quake'], story: { id: 'story-bbc-cali', reportCount: 3 } });
    expect(wire.story.reports.map((report) => report.itemId)).toEqual(['bbc-cali', 'ap-quake', 'reuters-quake']);
    expect(clusterer.liveStories).toBe(1);
    expect(clusterer.liveReports).toBe(3);
    expect(clusterer.snapshot('story-ap-quake')).toBeUndefined();
    expect(clusterer.snapshot('story-bbc-cali')?.evidence).toHaveLength(3);
    // What only the absorbed story said now finds the survivor.
    const aftershock = clusterer.add(
      clusterInput({
        id: 'afp-aftershock',
        source: 'AFP',
        published: at(5),
        title: 'Strong aftershock strikes western Colombia after magnitude 7.4 earthquake',
        summary: 'Seismologists said the aftershock was felt across the Valle del Cauca region.',
        places: ['CO'],
      }),
    );
    expect(aftershock).toMatchObject({ created: false, absorbed: [], story: { id: 'story-bbc-cali' } });
  });

  it('same input twice gives the same story ids (deterministic)', () => {
    const run = () => {
      const clusterer = createStoryClusterer({ windowHours: 36 });
      return kunduzBombing.map((item) => clusterer.add(item).story.id);
    };
    expect(run()).toEqual(run());
  });

  it('old stories age out, so live state is bounded by the window', () => {
    const clusterer = createStoryClusterer({ windowHours: 2 });
    // Made-up words, three per item and never repeated: nothing to join on.
    const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'san', 'dor', 'vel', 'nu', 'pim'];
    const word = (n: number) => [n % 10, Math.floor(n / 10) % 10, Math.floor(n / 100) % 10].map((d) => syllables[d]).join('') + 'x';
    for (let i = 0; i < 200; i += 1) {
      clusterer.add(clusterInput({ id: `n${i}`, title: `${word(3 * i)} ${word(3 * i + 1)} ${word(3 * i + 2)}`, published: at(i * 0.5) }));
    }
    // Items arrive every 30 minutes; a 2-hour window holds about four single-report stories.
    expect(clusterer.liveStories).toBeLessThanOrEqual(5);
    expect(clusterer.liveReports).toBeLessThanOrEqual(5);
  });

  it('a story that never goes quiet keeps its first and latest 100 reports, and counts them all', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    // A live blog re-posted under one headline every hour for three weeks.
    const update = (i: number) => clusterInput({ id: `live-${i}`, title: 'Kharkiv live: Russian strikes hit power grid', published: at(i) });
    let last = clusterer.add(update(0));
    for (let i = 1; i < 500; i += 1) last = clusterer.add(update(i));
    expect(last.story.id).toBe('story-live-0');
    expect(last.story.reportCount).toBe(500);
    expect(last.story.reports).toHaveLength(100);
    expect(last.story.reports[0]?.itemId).toBe('live-0');
    expect(last.story.reports.at(-1)?.itemId).toBe('live-499');
    expect(clusterer.snapshot('story-live-0')?.evidence).toHaveLength(100);
    expect(clusterer.liveReports).toBe(100);
  });

  it('an unparseable published time does not break later clustering', () => {
    const clusterer = createStoryClusterer({ windowHours: 36 });
    clusterer.add(kunduzBombing[0] ?? clusterInput({ id: 'x', title: 'x', published: at(0) }));
    clusterer.add(clusterInput({ id: 'bad', title: 'Something else entirely', published: 'yesterday' }));
    expect(clusterer.add(kunduzBombing[1] ?? clusterInput({ id: 'y', title: 'y', published: at(1) })).created).toBe(false);
  });
});
