/**
 * A one-line progress counter for long runs on a terminal; silent when stderr is a
 * pipe or a file, so logs and JSON output stay clean.
 */
export function createProgress(stream: NodeJS.WritableStream, label: string): { update: (done: number, total: number) => void; done: () => void } {
  const tty = (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
  let shown = false;
  return {
    update(done, total) {
      if (!tty) return;
      shown = true;
      stream.write(`\r${label}: ${done}/${total}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
