import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { endOnClosedPipe } from '../src/closed-pipe.js';

describe('endOnClosedPipe', () => {
  it('ends with code 0 when the reader closed the pipe, and lets any other error through', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    endOnClosedPipe(stream, (code) => exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow('disk full');
    expect(exits).toEqual([0]);
  });
});
