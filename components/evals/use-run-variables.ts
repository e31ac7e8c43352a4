"use client";
import { useMemo } from "react";
import { useVariableValues } from "@/lib/hooks/use-variable-values";
import { fillVariablesFirst, requestBlanks } from "@/lib/prompts/fill-request";

/**
 * The `{{variables}}` a run outside the chat sends (its System Message and user messages) and, by
 * Send's rule and in Send's words, why it is blocked while one has no value and no default: it
 * would go upstream as literal braces. Live, so a value typed in the view's fields unblocks it.
 */
export function useRunVariables(systemMessage: string, messages: readonly { role: string; content: string }[]): { names: string[]; missing: string[]; blocked?: string } {
  const values = useVariableValues();
  return useMemo(() => {
    const { names, missing } = requestBlanks({ systemMessage, messages }, values);
    return { names, missing, ...(missing.length ? { blocked: fillVariablesFirst(missing) } : {}) };
  }, [systemMessage, messages, values]);
}
