package io.stormsocket.core.internal;

/**
 * The group service as a session sees it: servers pass their {@link DefaultSessionGroups}; client
 * sessions get {@link #NONE}, whose joins always fail.
 */
interface GroupMembership {
    boolean join(String group, DefaultSession session);

    boolean leave(String group, DefaultSession session);

    void leaveAll(DefaultSession session);

    /** Membership for sessions that belong to no server. */
    GroupMembership NONE = new GroupMembership() {
        @Override
        public boolean join(String group, DefaultSession session) {
            return false;
        }

        @Override
        public boolean leave(String group, DefaultSession session) {
            return false;
        }

        @Override
        public void leaveAll(DefaultSession session) {
        }
    };
}
