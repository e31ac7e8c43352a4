"use client";
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useVariableValues } from "@/lib/hooks/use-variable-values";
import { requestVariables, unfilledVariables } from "@/lib/prompts/fill-request";
import { useParamsStore } from "@/lib/store/params-store";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { useConversation } from "../chat/conversation-context";

/**
 * The variables the page's prompt uses now (System Message, the user's messages, the draft) and
 * those still without a value. Selected as a list of names, so a streamed reply re-renders nothing here.
 */
export function usePromptVariables(): { names: string[]; missing: string[] } {
  const systemMessage = useParamsStore((s) => s.systemMessage);
  const draft = usePromptSessionStore((s) => s.draft);
  const inMessages = useConversation(useShallow((s) => requestVariables({ systemMessage: "", messages: s.messages })));
  const values = useVariableValues();
  return useMemo(() => {
    const names = [...new Set([...requestVariables({ systemMessage, messages: [] }), ...inMessages, ...requestVariables({ systemMessage: "", messages: [] }, draft)])];
    return { names, missing: unfilledVariables(names, values) };
  }, [systemMessage, inMessages, draft, values]);
}
