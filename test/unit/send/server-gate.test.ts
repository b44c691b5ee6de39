import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../src/send/classify.js';
import { ServerGate, type GateChange } from '../../../src/send/server-gate.js';

const dropped = classifyFailure({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' });
const refusedConnection = classifyFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' });
const greylisted = classifyFailure({ responseCode: 451, response: '451 4.7.1 Try again later', command: 'RCPT TO' });
const unknownUser = classifyFailure({ responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' });

function gate() {
  const changes: GateChange[] = [];
  return { gate: new ServerGate((change) => changes.push(change)), changes };
}

describe('ServerGate', () => {
  it('is open at the start: fresh messages go out', () => {
    const { gate: g } = gate();
    expect(g.looksDown).toBe(false);
    expect(g.holdsFresh(true)).toBe(false);
    expect(g.answers).toBe(0);
  });

  it('a lost connection closes it while something probes the server; with nothing probing a fresh message is the probe', () => {
    const { gate: g, changes } = gate();
    g.failed(dropped);
    expect(g.looksDown).toBe(true);
    expect(g.holdsFresh(true)).toBe(true);
    expect(g.holdsFresh(false)).toBe(false);
    g.failed(refusedConnection);
    expect(changes).toEqual([{ type: 'server-down', code: 'ECONNECTION' }]);
  });

  it.each([
    ['an accepted message', (g: ServerGate) => g.accepted()],
    ['a 4xx reply', (g: ServerGate) => g.failed(greylisted)],
    ['a 5xx reply', (g: ServerGate) => g.failed(unknownUser)],
  ])('%s counts as an answer and opens it again', (_label, answer) => {
    const { gate: g, changes } = gate();
    g.failed(dropped);
    answer(g);
    expect(g.looksDown).toBe(false);
    expect(g.holdsFresh(true)).toBe(false);
    expect(g.answers).toBe(1);
    expect(changes).toEqual([{ type: 'server-down', code: 'ECONNECTION' }, { type: 'server-up' }]);
  });

  it('calls the server unreachable only when it answered nobody since the first failure and a bare connection fails too', async () => {
    const { gate: g } = gate();
    g.accepted();
    const before = g.answers;
    g.failed(dropped);
    const probes: string[] = [];
    const down = async () => (probes.push('probe'), false);
    const up = async () => (probes.push('probe'), true);
    expect(await g.unreachable(dropped, before, down)).toBe(true);
    expect(await g.unreachable(dropped, before, up)).toBe(false);
    // A reply is not a lost connection: no probe needed.
    expect(await g.unreachable(greylisted, before, down)).toBe(false);
    expect(probes).toHaveLength(2);
    g.accepted();
    // Someone else got through since this message first failed.
    expect(await g.unreachable(dropped, before, down)).toBe(false);
    expect(probes).toHaveLength(2);
  });
});
