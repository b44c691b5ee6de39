import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isMediaName, mediaContentType, mediaDir } from './media.js';

/** A published name is its content: it never changes, so clients and proxies may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Answers `GET /media/<name>` from `dataDir/media/`. Only names the build
 * publishes (hash + png/jpg/gif/webp) are looked up, so no request can reach
 * any other file. Returns false when there is no such image.
 */
export async function serveMedia(dataDir: string, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  if (!isMediaName(name)) return false;
  return sendMediaFile(path.join(mediaDir(dataDir), name), name, req, res);
}

/**
 * Sends `file` as the published image `name` (its type from the name, cached
 * for good since a name never changes content). False when it is not there.
 */
export async function sendMediaFile(file: string, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (!stat.isFile()) return false;
  const etag = `"${name.slice(0, name.indexOf('.'))}"`;
  const headers = {
    'content-type': mediaContentType(name),
    'cache-control': IMMUTABLE,
    etag,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': String(stat.size) });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await pipeline(fs.createReadStream(file), res);
  return true;
}
