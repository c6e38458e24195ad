import type { Logger } from '../domain/logger.js';
import type { CommandHandler, CommandReply, CommandRequest } from './chat-adapter.js';

const failureReply: CommandReply = { ephemeral: true, lines: ['Sitrep could not run this command; the error was logged. Please try again.'] };

/** Runs a slash command through the core; a handler that throws still gets the user an answer. */
export async function runCommandSafely(onCommand: CommandHandler, request: CommandRequest, logger: Logger): Promise<CommandReply> {
  try {
    return await onCommand(request);
  } catch (error) {
    logger.error('command handler failed', { path: request.path.join(' '), error: String(error) });
    return failureReply;
  }
}
