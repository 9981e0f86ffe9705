/**
 * The model provider: an `openai` client for any OpenAI-compatible endpoint
 * (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL), or, with no key, the same
 * client talking to the embedded offline model through its `fetch` option.
 */
import OpenAI from "openai";
import { type Config, getConfig } from "../config.ts";
import { OFFLINE_BASE_URL, OFFLINE_MODEL, offlineFetch } from "./offline/server.ts";

/** The client a run uses and how to describe it. */
export interface ModelProvider {
  client: OpenAI;
  model: string;
  /** True for the embedded offline model (the UI labels it). */
  offline: boolean;
}

let cached: { config: Config; provider: ModelProvider } | undefined;

/** The provider for the current configuration (made once per configuration). */
export function getModelProvider(config: Config = getConfig()): ModelProvider {
  if (cached?.config === config) return cached.provider;
  const common = { timeout: config.AI_TIMEOUT_MS, maxRetries: config.AI_MAX_RETRIES };
  const provider: ModelProvider = config.OPENAI_API_KEY
    ? {
      client: new OpenAI({
        ...common,
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
      }),
      model: config.OPENAI_MODEL,
      offline: false,
    }
    : {
      client: new OpenAI({
        ...common,
        apiKey: "offline",
        baseURL: OFFLINE_BASE_URL,
        fetch: offlineFetch,
      }),
      model: OFFLINE_MODEL,
      offline: true,
    };
  cached = { config, provider };
  return provider;
}

/** True when no API key is set and the embedded offline model answers. */
export function isOfflineModel(config: Config = getConfig()): boolean {
  return !config.OPENAI_API_KEY;
}
