package org.aftersaleshub.staff;

/** Where a person wants to get notices: DingTalk (钉钉), WeCom (企业微信), or no IM channel. */
public enum PreferredChannel {
    DINGTALK,
    WECOM,
    NONE
}
