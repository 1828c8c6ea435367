/**
 * No genuine recorded Finnhub or Trading Economics response exists in the fixtures; these bodies are
 * minimal realistic examples written from Finnhub's official OpenAPI schema (fixtures/providers/finnhub)
 * and Trading Economics' documented calendar fields.
 */
import nock from 'nock';
import { FinnhubAdapter, TradingEconomicsAdapter } from '../../../src/providers/adapters';
import { readFixtureJson } from '../../support/fixtures';
import { config, http } from './support';

describe('Finnhub and Trading Economics adapters', () => {
  afterEach(() => nock.cleanAll());
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it('uses the field names of Finnhub’s official schema', () => {
    const schema = JSON.stringify(readFixtureJson('providers', 'finnhub', 'openapi_schemas_news-sentiment_earnings-calendar.json'));
    for (const field of ['bullishPercent', 'bearishPercent', 'articlesInLastWeek', 'earningsCalendar', 'epsEstimate', 'epsActual']) expect(schema).toContain(field);
  });

  it('news sentiment → score = bullish% − bearish%', async () => {
    nock('https://finnhub.io')
      .get('/api/v1/news-sentiment')
      .query({ symbol: 'AAPL', token: 'fk' })
      .reply(200, { symbol: 'AAPL', buzz: { articlesInLastWeek: 42, buzz: 1.1, weeklyAverage: 38 }, companyNewsScore: 0.7, sentiment: { bullishPercent: 0.65, bearishPercent: 0.35 } });
    expect(await new FinnhubAdapter(http(), config).getNewsSentiment('AAPL')).toMatchObject({ symbol: 'AAPL', score: 0.3, articles_in_last_week: 42, data_source: 'finnhub' });
  });

  it('earnings calendar', async () => {
    nock('https://finnhub.io')
      .get('/api/v1/calendar/earnings')
      .query(true)
      .reply(200, { earningsCalendar: [{ date: '2024-07-30', epsActual: null, epsEstimate: 1.34, hour: 'amc', quarter: 3, revenueActual: null, revenueEstimate: 84e9, symbol: 'AAPL', year: 2024 }] });
    const cal = await new FinnhubAdapter(http(), config).getEarningsCalendar('2024-07-01', '2024-08-01', { symbol: 'AAPL' });
    expect(cal.events).toEqual([{ symbol: 'AAPL', date: '2024-07-30', hour: 'amc', eps_estimate: 1.34, eps_actual: null }]);
  });

  it('Trading Economics macro calendar: importance 1–3 → low/medium/high', async () => {
    nock('https://api.tradingeconomics.com')
      .get('/calendar/country/united%20states/2024-07-01/2024-07-05')
      .query({ c: 'tek', f: 'json' })
      .reply(200, [
        { CalendarId: '1', Date: '2024-07-05T12:30:00', Country: 'United States', Category: 'Non Farm Payrolls', Event: 'Non Farm Payrolls', Importance: 3 },
        { CalendarId: '2', Date: '2024-07-03T14:00:00', Country: 'United States', Category: 'Factory Orders', Event: 'Factory Orders MoM', Importance: 1 },
      ]);
    const cal = await new TradingEconomicsAdapter(http(), config).getMacroEvents('2024-07-01', '2024-07-05');
    expect(cal.events).toEqual([
      { time: '2024-07-05T12:30:00.000Z', country: 'United States', event: 'Non Farm Payrolls', importance: 'high' },
      { time: '2024-07-03T14:00:00.000Z', country: 'United States', event: 'Factory Orders MoM', importance: 'low' },
    ]);
  });
});
