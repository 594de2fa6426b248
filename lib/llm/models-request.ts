import { z } from 'zod';
import { providerKeysSchema } from './chat-request';

export const modelsRequestSchema = z.object({ keys: providerKeysSchema });
