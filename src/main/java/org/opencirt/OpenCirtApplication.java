package org.opencirt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point: one service that runs a national CIRT (constituency, incidents, feeds, sharing, capacity).
 */
@SpringBootApplication
@Modulithic(sharedModules = "common")
@EnableAsync
@EnableScheduling
public class OpenCirtApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenCirtApplication.class, args);
    }
}
