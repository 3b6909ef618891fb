// Placeholder until the poll use case lands: the composition root for the Lambda.
export const handler = async (): Promise<{ ok: boolean }> => ({ ok: true });
