package org.aftersaleshub.staff;

/** A role or title a person holds; one person may hold several (an engineer who also supervises). */
public enum StaffRole {
    /** 工程师: does the work on site. */
    ENGINEER,
    /** 主管: supervises engineers, receives SLA breaches and deduction failures. */
    SUPERVISOR,
    /** 服务总监: service director, the last escalation. */
    DIRECTOR,
    /** 仓管: warehouse keeper. */
    WAREHOUSE_KEEPER
}
