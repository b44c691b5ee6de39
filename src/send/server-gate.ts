import type { ClassifiedFailure } from './classify.js';

/** What the gate saw change, for the run's log. */
export type GateChange = { type: 'server-down'; code: string } | { type: 'server-up' };

/**
 * "The server looks down": after a connection fails without an SMTP reply,
 * fresh messages wait while the retries probe the server, rather than fail
 * one after another through the whole list. Any answer from the server (an
 * accepted message or any SMTP reply, even a refusal) opens the gate again.
 */
export class ServerGate {
  private answersSeen = 0;
  private down = false;

  constructor(private readonly onChange: (change: GateChange) => void = () => {}) {}

  /** Answers from the server in this run. */
  get answers(): number {
    return this.answersSeen;
  }

  /** Whether a connection failed and the server has not answered since. */
  get looksDown(): boolean {
    return this.down;
  }

  /** The server accepted a message. */
  accepted(): void {
    this.answersSeen++;
    this.setDown(false);
  }

  /** A send failed; a reply counts as an answer, a lost connection closes the gate. */
  failed(failure: ClassifiedFailure): void {
    if (failure.connectionLost) {
      if (!this.down) this.onChange({ type: 'server-down', code: failure.code });
      this.down = true;
    } else if (failure.replied) {
      this.answersSeen++;
      this.setDown(false);
    }
  }

  /**
   * Whether fresh messages must wait: the server looks down and something
   * (a retry waiting or a message in flight) is probing it. With nothing
   * probing, a fresh message is the probe.
   */
  holdsFresh(probing: boolean): boolean {
    return this.down && probing;
  }

  /**
   * Whether a message that never reached the server means the server is
   * gone: it answered nobody since the message first failed, and a bare
   * connection (`probe`) fails too.
   */
  async unreachable(failure: ClassifiedFailure, answersAtFirstFailure: number, probe: () => Promise<boolean>): Promise<boolean> {
    if (!failure.connectionLost || this.answersSeen !== answersAtFirstFailure) return false;
    return !(await probe());
  }

  private setDown(down: boolean): void {
    if (this.down && !down) this.onChange({ type: 'server-up' });
    this.down = down;
  }
}
