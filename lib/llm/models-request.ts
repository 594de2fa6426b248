import { z } from 'zod';

export const modelsRequestSchema = z.object({
  keys: z
    .object({
      openai: z.string().optional(),
      anthropic: z.string().optional(),
      google: z.string().optional(),
      openaiCompatible: z.string().optional(),
    })
    .optional(),
});
