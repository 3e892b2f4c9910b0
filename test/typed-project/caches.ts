import { Redis } from 'ioredis';

/** A shared ioredis client, exported as is. */
export const redisCache = new Redis();

/** A project cache whose set applies a default expiry of its own. */
export const tenantCache = {
  async set(key: string, value: string, expireSeconds = 30 * 60): Promise<void> {
    await redisCache.set(key, value, 'EX', expireSeconds);
  },
};
