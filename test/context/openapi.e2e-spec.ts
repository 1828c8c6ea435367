/** The OpenAPI description of the context and contracts routes builds and carries the GPT Actions metadata. */
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ContextController } from '../../src/modules/context/context.controller';
import { ContextService } from '../../src/modules/context/context.service';
import { ContractsController } from '../../src/modules/contracts/contracts.controller';
import { ContractsService } from '../../src/modules/contracts/contracts.service';
import { MARKET_DATA_PORT, OPTIONS_DATA_PORT } from '../../src/modules/data-ports/data-ports';
import { CLOCK } from '../../src/providers/provider.types';
import { minimalApp } from './minimal-app';

it('operationIds, summaries ≤ 300 chars, isConsequential false, units in descriptions', async () => {
  const fake = { getBars: async () => ({}), getQuote: async () => ({}), getExpirations: async () => ({}), getChain: async () => ({}) };
  const app = await minimalApp(
    [ContextController, ContractsController],
    [ContextService, ContractsService, { provide: MARKET_DATA_PORT, useValue: fake }, { provide: OPTIONS_DATA_PORT, useValue: fake }, { provide: CLOCK, useValue: { now: () => 0 } }],
  );
  try {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build()) as any;
    const ops = [doc.paths['/gpt/context/{symbol}'].get, doc.paths['/gpt/multi-context'].post, doc.paths['/gpt/contracts'].post];
    expect(ops.map((o) => o.operationId)).toEqual(['getContext', 'getMultiContext', 'getContracts']);
    for (const o of ops) expect(o.summary.length).toBeLessThanOrEqual(300);
    expect(ops[1]['x-openai-isConsequential']).toBe(false);
    expect(ops[2]['x-openai-isConsequential']).toBe(false);
    const req = doc.components.schemas.ContractsRequestDto.properties;
    expect(req.risk_amount.description).toMatch(/never filters/);
    expect(req.style.description).toMatch(/scalp: DTE 0–3/);
    for (const p of Object.values<any>(req)) if (p.description) expect(p.description.length).toBeLessThanOrEqual(700);
    expect(doc.components.schemas.VolatilityRegimeDto.properties.hv_20.description).toMatch(/percent/);
    expect(doc.components.schemas.SeriesPointDto).toBeDefined();
  } finally {
    await app.close();
  }
});
