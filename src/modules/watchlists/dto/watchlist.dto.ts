import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { MAX_WATCHLIST_TICKERS } from '../../../core/symbols/watchlist-rules';
import { TICKER_PATTERN } from '../../../core/symbols/ticker';

export class PutWatchlistDto {
  @ApiProperty({
    description: `Tickers (≤ ${MAX_WATCHLIST_TICKERS}), each under the ticker rule (BRK-B → BRK.B, spy → SPY); duplicates dropped, order kept. Replaces the list.`,
    type: 'array',
    // the items' rule is published here and checked by the store, which names the entry (tickers[1])
    items: { type: 'string', pattern: TICKER_PATTERN },
    example: ['AAPL', 'MSFT', 'NVDA'],
  })
  @IsArray({ message: 'must be a list of tickers' })
  @ArrayMaxSize(MAX_WATCHLIST_TICKERS, { message: `must hold at most ${MAX_WATCHLIST_TICKERS} tickers` })
  tickers!: unknown[];
}

export class WatchlistDto {
  @ApiProperty({ description: 'Lower-case name.' }) name!: string;
  @ApiProperty({ type: [String], description: 'Canonical tickers in the order given.' }) tickers!: string[];
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'ISO-8601 UTC.' }) created_at!: string;
  @ApiProperty({ description: 'ISO-8601 UTC.' }) updated_at!: string;
}

export class PutWatchlistResponseDto extends WatchlistDto {
  @ApiProperty({ description: 'True when this call created the list, false when it replaced it.' }) created!: boolean;
}

class WatchlistSummaryDto {
  @ApiProperty() name!: string;
  @ApiProperty() count!: number;
  @ApiProperty() updated_at!: string;
}

export class WatchlistIndexDto {
  @ApiProperty({ type: [WatchlistSummaryDto] }) watchlists!: WatchlistSummaryDto[];
}

export class DeleteWatchlistResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty() deleted!: boolean;
}
