package org.aftersaleshub.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.model.event.SurveyAnswered;
import org.aftersaleshub.model.event.SurveyRequested;
import org.aftersaleshub.ticket.TicketDeadlines;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.DueTimer;
import org.aftersaleshub.timers.DueTimers;
import org.aftersaleshub.timers.TimerHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The survey's life: set its timer when a ticket becomes RESOLVED (a durable timer of kind {@code survey}, so it is
 * sent once across hub instances, late after a restart), request it when due ({@code SurveyRequested} with the
 * link, for the outbound webhook), take the one answer.
 */
@Service
public class SurveyService implements TicketDeadlines, TimerHandler {

    static final String KIND = "survey";

    /** What the survey page shows. */
    public record Page(String ticketNumber, boolean answered, Integer score) {
    }

    private final DueTimers timers;
    private final TicketService tickets;
    private final SurveyLinks links;
    private final SurveyProperties props;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    SurveyService(DueTimers timers, TicketService tickets, SurveyLinks links, SurveyProperties props,
                  JdbcTemplate jdbc, Clock clock) {
        this.timers = timers;
        this.tickets = tickets;
        this.links = links;
        this.props = props;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Ticket apply(Ticket before, Ticket after, Instant now) {
        if (before != null && before.status() != TicketStatus.RESOLVED && after.status() == TicketStatus.RESOLVED) {
            timers.sync(KIND, after.id(), Map.of(KIND, now.plus(props.delay())));
        }
        return after;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void lockSubject(String ticketId) {
        tickets.lockForChange(ticketId);
    }

    @Override
    public void fire(DueTimer timer, Instant now, boolean late) {
        Ticket t = tickets.lockForChange(timer.subject());
        if (t.status() != TicketStatus.RESOLVED && t.status() != TicketStatus.CLOSED) {
            return; // reopened or cancelled since
        }
        Instant expires = now.plus(props.linkTtl());
        jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at) values (?, ?, ?)", t.id(),
                odt(now), odt(expires));
        tickets.appendEvent(t.id(), new SurveyRequested(t.id(), t.customerId(), links.link(t.id(), expires), expires,
                late));
    }

    /** The page of a token, or empty when the link is not one of ours or expired. */
    @Transactional(readOnly = true)
    public Optional<Page> page(String token) {
        return links.ticketOf(token).flatMap(id -> jdbc.query("select t.number, s.answered_at, s.score from "
                + "ticket_survey s join ticket t on t.id = s.ticket_id where s.ticket_id = ?", (rs, i) ->
                new Page(rs.getString(1), rs.getObject(2) != null, (Integer) rs.getObject(3)), id).stream().findFirst());
    }

    /**
     * Takes the answer once: the score on the ticket, {@code SurveyAnswered} (low when at or below
     * {@code hub.survey.low-score}); false when the survey was answered already or the link is not valid.
     */
    @Transactional
    public boolean answer(String token, int score, String comment) {
        Optional<String> id = links.ticketOf(token);
        if (id.isEmpty()) {
            return false;
        }
        tickets.lockForChange(id.get());
        Integer open = jdbc.queryForObject("select count(*) from ticket_survey where ticket_id = ? and answered_at "
                + "is null", Integer.class, id.get());
        if (open == null || open == 0 || !tickets.recordSatisfaction(id.get(), score, new SurveyAnswered(id.get(),
                score, comment, score <= props.lowScore()))) {
            return false;
        }
        jdbc.update("update ticket_survey set answered_at = ?, score = ?, comment = ? where ticket_id = ?",
                odt(clock.instant()), score, comment, id.get());
        return true;
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
