import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../../../src/send/capture-server.js';

/** Opens an SMTP session, starts a transaction, then resets the connection (RST), as a killed run does. */
function resetMidMessage(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const script = ['EHLO test', 'MAIL FROM:<a@example.com>', 'RCPT TO:<b@example.com>'];
    socket.on('data', () => {
      const line = script.shift();
      if (line !== undefined) socket.write(`${line}\r\n`);
      // Mid-transaction (after RCPT TO): the server reports this reset as an error.
      else socket.resetAndDestroy();
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

// smtp-server reports some connection errors as 'error' events; the capture
// server must outlive a client that goes away mid-transaction (a killed run).
describe('the capture server survives a client that resets its connection', () => {
  let dir: string;
  let capture: CaptureServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-capture-'));
    capture = await startCaptureServer(dir);
  });
  afterAll(async () => {
    await capture.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps running and still captures the next message', async () => {
    await resetMidMessage(capture.port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'a@example.com', to: 'c@example.com', subject: 'after', text: 'still here' });
    transport.close();
    expect(fs.readdirSync(dir)).toEqual(['c@example.com.eml']);
  });
});
