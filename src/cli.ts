#!/usr/bin/env node
import { main } from './cli/program.js';
import { processIo } from './cli/io.js';

process.exitCode = await main(process.argv, processIo());
