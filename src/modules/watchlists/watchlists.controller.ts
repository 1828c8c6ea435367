import { Body, Controller, Delete, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { WATCHLISTS, type WatchlistApi, type WatchlistRecord } from '../../persistence/watchlist.types';
import { DeleteWatchlistResponseDto, PutWatchlistDto, PutWatchlistResponseDto, WatchlistDto, WatchlistIndexDto } from './dto/watchlist.dto';

const present = (w: WatchlistRecord): WatchlistDto => ({ name: w.name, tickers: w.tickers, count: w.tickers.length, created_at: w.created_at, updated_at: w.updated_at });
const NAME_PARAM = { name: 'name', description: '1–64 characters: letters, digits, _ or -, starting with a letter (case-insensitive).', example: 'tech' };

/** Per-user watchlists (docs/watchlists.md): scoped like ideas — another user's list is a 404. Scan them with universe `watchlist:<name>`. */
@ApiTags('watchlists')
@ApiBearerAuth()
@Controller('api/v1/watchlists')
export class WatchlistsController {
  constructor(@Inject(WATCHLISTS) private readonly store: WatchlistApi) {}

  @Get()
  @ApiOperation({ operationId: 'listWatchlists', summary: 'The caller’s watchlists (name, ticker count), alphabetically.' })
  @ApiOkResponse({ type: WatchlistIndexDto })
  async list(@CurrentUser() userId: string): Promise<WatchlistIndexDto> {
    return { watchlists: await this.store.list(userId) };
  }

  @Get(':name')
  @ApiOperation({ operationId: 'getWatchlist', summary: 'One of the caller’s watchlists.' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ type: WatchlistDto })
  async get(@CurrentUser() userId: string, @Param('name') name: string): Promise<WatchlistDto> {
    return present(await this.store.get(userId, name));
  }

  @Put(':name')
  @ApiOperation({ operationId: 'putWatchlist', summary: 'Create or replace one of the caller’s watchlists (≤ 500 tickers, validated).' })
  @ApiParam(NAME_PARAM)
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ type: PutWatchlistResponseDto })
  async put(@CurrentUser() userId: string, @Param('name') name: string, @Body() body: PutWatchlistDto): Promise<PutWatchlistResponseDto> {
    const w = await this.store.put(userId, name, body.tickers);
    return { ...present(w), created: w.created };
  }

  @Delete(':name')
  @ApiOperation({ operationId: 'deleteWatchlist', summary: 'Delete one of the caller’s watchlists.' })
  @ApiParam(NAME_PARAM)
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ type: DeleteWatchlistResponseDto })
  async remove(@CurrentUser() userId: string, @Param('name') name: string): Promise<DeleteWatchlistResponseDto> {
    await this.store.delete(userId, name);
    return { name: name.trim().toLowerCase(), deleted: true };
  }
}
