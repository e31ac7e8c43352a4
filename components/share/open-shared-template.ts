"use client";
import { toRequestMessages } from "@/lib/chat/request-messages";
import type { ShareSnapshot, SharedTemplate } from "@/lib/shares/snapshot";
import type { ConversationStore } from "@/lib/store/conversation-store";
import { openPromptVersion } from "@/lib/store/prompt-content";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";

/** A shared template in the page, as Open does for a saved prompt; values from its page's form (`var.<name>`) filled in. */
export function openSharedTemplate(snapshot: ShareSnapshot, template: SharedTemplate, conversation: ConversationStore, search: URLSearchParams) {
  const version = { version: 1, createdAt: new Date().toISOString(), systemMessage: snapshot.systemMessage, messages: toRequestMessages(snapshot.messages), params: snapshot.params, ...(template.options ? { options: template.options } : {}), variables: template.variables };
  openPromptVersion({ id: "", name: template.name, versions: [version], labels: {} }, version, conversation);
  const session = usePromptSessionStore.getState();
  // Not a prompt of this library: Save makes a new one.
  session.setOpened(null);
  for (const v of template.variables) {
    const value = search.get(`var.${v.name}`);
    if (value) session.setValue(v.name, value);
  }
}
