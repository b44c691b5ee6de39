/**
 * Splits an mbox file into raw messages on "From " separator lines and
 * undoes ">From " quoting (mboxrd: one ">" less on any line of only
 * ">"s followed by "From ").
 */
export function splitMbox(data: Buffer): Buffer[] {
  const text = data.toString('latin1');
  const messages: Buffer[] = [];
  const lines = text.split(/\r?\n/);
  let current: string[] | null = null;
  const flush = (): void => {
    if (current === null) return;
    while (current.length > 0 && current[current.length - 1] === '') current.pop();
    if (current.length > 0) messages.push(Buffer.from(current.join('\r\n') + '\r\n', 'latin1'));
  };
  for (const line of lines) {
    if (line.startsWith('From ')) {
      flush();
      current = [];
      continue;
    }
    if (current === null) continue;
    current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  flush();
  return messages;
}
