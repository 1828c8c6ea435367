import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { NotFoundError } from '../../common/errors';

/** static/tv from the source tree (jest, ts-node) or next to dist/ (built app). */
function staticDir(): string {
  const candidates = [path.resolve(__dirname, '../../../static/tv'), path.resolve(__dirname, '../../../../static/tv'), path.resolve(process.cwd(), 'static/tv')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[candidates.length - 1];
}

/** Only these files are served: no path built from the request ever reaches the file system. */
const ASSETS: Record<string, string> = {
  'tv.js': 'application/javascript; charset=utf-8',
  'tv-params.js': 'application/javascript; charset=utf-8',
  'tv.css': 'text/css; charset=utf-8',
};

/**
 * The /tv viewer: one HTML page, its scripts and the lightweight-charts bundle from node_modules
 * (same origin, so the strict CSP without inline scripts holds). Public: the page holds no data;
 * its data calls carry the key given as ?token= when auth is on.
 */
@ApiExcludeController()
@Public()
@Controller('tv')
export class TvPageController {
  private readonly dir = staticDir();
  private vendorPath?: string;

  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Res() res: Response): void {
    res.type('html').sendFile(path.join(this.dir, 'index.html'));
  }

  @Get('vendor/lightweight-charts.js')
  @Header('Cache-Control', 'public, max-age=86400')
  vendor(@Res() res: Response): void {
    // the package's "exports" map hides dist/, but package.json is exported: resolve beside it
    this.vendorPath ??= path.join(path.dirname(require.resolve('lightweight-charts/package.json')), 'dist/lightweight-charts.standalone.production.js');
    res.type('application/javascript').sendFile(this.vendorPath);
  }

  @Get('assets/:file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const type = Object.prototype.hasOwnProperty.call(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new NotFoundError(`no asset ${file.slice(0, 40)}`);
    res.type(type).sendFile(path.join(this.dir, file));
  }
}
