package org.aftersaleshub;

import org.aftersaleshub.rules.ValidateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The aftersales-hub application. {@code java -jar hub.jar} starts it on the embedded default. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HubApplication {

    public static void main(String[] args) {
        if (ValidateCommand.requested(args)) {
            // validate the route and rule files without starting the hub (no database, no broker): a CI step
            System.exit(ValidateCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
