package org.aftersaleshub.model;

/** The IM a staff member prefers to be reached on. */
public enum NotifyChannel {
    DINGTALK, WECOM
}
