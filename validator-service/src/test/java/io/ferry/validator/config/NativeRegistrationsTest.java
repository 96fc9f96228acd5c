package io.ferry.validator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.contracts.messages.Message;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

class NativeRegistrationsTest {

    @Test
    void everyMessageRecordIsKeptForReflectionInANativeImage() {
        RegisterForReflection registration = NativeRegistrations.class.getAnnotation(RegisterForReflection.class);

        assertThat(registration.targets()).as("a new message in libs/contracts must be added to NativeRegistrations")
                .contains(Message.class.getPermittedSubclasses());
        assertThat(registration.registerFullHierarchy()).as("the records' nested records and enums too").isTrue();
    }
}
