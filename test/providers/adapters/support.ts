import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { loadConfig } from '../../../src/config/load-config';

export const config = loadConfig({ POLYGON_API_KEY: 'pk', TRADIER_API_TOKEN: 'tk', FINNHUB_API_KEY: 'fk', TE_API_KEY: 'tek', YAHOO_ENABLED: '1', PROVIDER_TIMEOUT_MS: '2000' });
export const http = () => new HttpService(axios.create());
