import { storyToAlert, type TopicLabeler } from '../../delivery/story-to-alert.js';
import type { StoryEvent } from '../../domain/story.js';
import { consoleText, formatAlert } from './format-console.js';

/**
 * With no chat platform configured, every story event is printed: the first report as an
 * ALERT, later reports as an UPDATE line naming the outlet that joined and the count.
 */
export function createStoryEventPrinter(stream: NodeJS.WritableStream, label: TopicLabeler): (event: StoryEvent) => void {
  return (event) => {
    const alert = storyToAlert(event.story, event.item, label);
    if (event.kind === 'story-created') {
      stream.write(`${formatAlert(alert).join('\n')}\n\n`);
      return;
    }
    const report = event.story.reports.find((r) => r.itemId === event.item.id);
    const who = consoleText(report?.source ?? event.item.feedId);
    stream.write(
      `UPDATE ${consoleText(alert.title)}\n  also reported by ${who} (${alert.reportCount} reports): ${consoleText(event.item.title)}\n\n`,
    );
  };
}
