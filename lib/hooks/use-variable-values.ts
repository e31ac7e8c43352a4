"use client";
/** React hooks: each variable's value as Send fills it, kept equal (by content) while nothing changes. */
import { useShallow } from "zustand/react/shallow";
import { usePromptSessionStore, variableValues } from "../store/prompt-session-store";

export const useVariableValues = (): Record<string, string> => usePromptSessionStore(useShallow(variableValues));
