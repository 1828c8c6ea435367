import { ApiProperty } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import type { IndexEquivalent, IndexMode, ProxyRatioWire } from '../../../core/plan/plan.schema';

export class ProxyRatioDto implements ProxyRatioWire {
  @ApiProperty({ description: 'Index points per 1.00 of the ETF proxy (index = proxy × ratio), measured live, never a constant.' }) ratio!: number;
  @ApiProperty({ description: 'Time the ratio describes, ISO UTC.' }) as_of!: string;
  @ApiProperty({ description: 'Provider ids of the index and proxy prints.' }) source!: string;
  @ApiProperty({ enum: ['aligned_1m_spot', 'quote_vs_1m_close'] }) method!: ProxyRatioWire['method'];
  @ApiProperty({ nullable: true, type: Number, description: 'Beta of proxy on index 1-minute returns (≤ 60 min, regression through origin); ≈ 1 when tracking.' }) gamma!: number | null;
  @ApiProperty({ description: 'Aligned observations.' }) n!: number;
}

export class TranslatedLevelsDto {
  @ApiProperty() entry!: number;
  @ApiProperty() stop!: number;
  @ApiProperty({ type: [Number] }) targets!: number[];
}

export class IndexModeDto implements IndexMode {
  @ApiProperty({ example: 'SPX' }) index!: string;
  @ApiProperty({ example: 'SPY' }) proxy!: string;
  @ApiProperty({ enum: ['index', 'proxy_translated'], description: 'index: vendor index bars; proxy_translated: proxy bars × ratio.' }) bars!: IndexMode['bars'];
  @ApiProperty({ type: ProxyRatioDto, nullable: true }) ratio!: ProxyRatioDto | null;
  @ApiProperty({ type: TranslatedLevelsDto, nullable: true, description: 'Entry/stop/targets in proxy terms (level ÷ ratio).' }) translated_levels!: TranslatedLevelsDto | null;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['healthy', 'degraded', 'failed'] }, description: 'Per source: index_bars, proxy_bars, index_quote.' })
  feed_health!: IndexMode['feed_health'];
}

export class IndexEquivalentDto implements IndexEquivalent {
  @ApiProperty({ example: 'SPX', description: 'The index this ETF tracks.' }) index!: string;
  @ApiProperty({ type: ProxyRatioDto, nullable: true }) ratio!: ProxyRatioDto | null;
  @ApiProperty({ type: TranslatedLevelsDto, nullable: true, description: 'Entry/stop/targets in index terms (level × ratio, 0.01); null without a ratio.' }) levels!: TranslatedLevelsDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why levels is null.' }) reason!: string | null;
}

dtoMatchesWire<ProxyRatioDto, ProxyRatioWire>(true);
dtoMatchesWire<IndexEquivalentDto, IndexEquivalent>(true);
dtoMatchesWire<IndexModeDto, IndexMode>(true);
