import { describe, expect, it } from 'vitest';
import { StoryAliases } from '../../../src/intel/cluster/story-aliases.js';
import { newStoryRecord } from '../../../src/intel/cluster/story-record.js';
import { at, clusterInput } from './cluster-builders.js';

const story = (id: string) => newStoryRecord(clusterInput({ id, title: id, published: at(0) }));

describe('StoryAliases', () => {
  it('an id resolves to itself until its story is absorbed, then to the survivor, through chains', () => {
    const aliases = new StoryAliases();
    expect(aliases.resolve('story-b')).toBe('story-b');
    aliases.record({ story: story('a'), absorbed: ['story-b'] });
    aliases.record({ story: story('z'), absorbed: ['story-a', 'story-c'] });
    expect(['story-a', 'story-b', 'story-c', 'story-z'].map((id) => aliases.resolve(id))).toEqual(['story-z', 'story-z', 'story-z', 'story-z']);
  });
});
