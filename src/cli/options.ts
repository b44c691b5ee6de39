import { DigestError, ErrorCodes } from '../errors.js';

/** Reads a `--port` value: 0 (any free port) to 65535. */
export function portOf(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `--port must be a port number, got "${value}"`, {
      field: '--port',
      hint: 'e.g. --port 4321 (0 picks a free port)',
    });
  }
  return port;
}
